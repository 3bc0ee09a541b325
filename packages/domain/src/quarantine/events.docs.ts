// The catalogue's words for the one record every kind of stream reads besides its own events
// (docs/events.md, "In every stream"; docs/audit.md, "Repairing an unreadable stream").
export const QUARANTINE_DOC = {
  meaning:
    'An operator set aside one stored event that no codec reads (issue 16, item 6): readers skip exactly that stored ' +
    'content and fold nothing for the record, versions and the hash chain go on, and `licheng audit verify` ' +
    'reports it ' +
    'as a notice beside the `undecodable` finding it answers. 平台維運隔離一筆無法讀取的已存事件；' +
    '讀取時略過該筆內容，版本與雜湊鏈照常延續。',
  recordedBy:
    '`licheng repair quarantine` (`quarantineStoredEvent` in `@licheng/eventstore`), by the `system` role only',
} as const;
