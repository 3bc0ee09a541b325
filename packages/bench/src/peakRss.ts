import { writeFileSync } from 'node:fs';

/**
 * Preloaded (`node --require`) into a process the bench measures from outside: as that process exits, writes its
 * peak resident set (kB, `process.resourceUsage().maxRSS`) to the file `LICHENG_PEAK_RSS_FILE` names. Node gives a
 * parent no child's peak, and /usr/bin/time is not on every machine.
 */
const file = process.env.LICHENG_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
