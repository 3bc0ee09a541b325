/**
 * The page's only style: system CJK fonts (Noto CJK on Linux, JhengHei on Windows, PingFang on macOS), print-friendly.
 */
export const STYLE = [
  'body{font-family:"Noto Sans CJK TC","Noto Sans TC","Microsoft JhengHei","PingFang ' +
    'TC",sans-serif;margin:24px;color:#212121}',
  'header .school{margin:0;font-size:15px;color:#424242}',
  'h1{margin:4px 0;font-size:22px}',
  'h2{font-size:17px;margin:20px 0 8px}',
  '.en{color:#757575;font-weight:normal;font-size:.85em}',
  '.taken-at{margin:0;color:#424242}',
  'svg.progress{max-width:100%;height:auto;font-size:13px}',
  'svg .head{font-weight:bold;font-size:14px}',
  'svg .deadline{font-size:10.5px;fill:#616161}',
  'svg .ratio{font-weight:bold}',
  'table.report{border-collapse:collapse;margin-top:16px}',
  'table.report caption{text-align:left;font-weight:bold;padding:4px 0}',
  'table.report th,table.report td{border:1px solid #bdbdbd;padding:3px 8px;white-space:nowrap}',
  'table.report thead th{background:#e7e6e6;position:sticky;top:0}',
  'table.report tfoot td{background:#e7e6e6;font-weight:bold}',
  'td.number{text-align:right}',
  'td.attention{background:#ffe08a}',
  '@media print{body{margin:0}table.report thead{display:table-header-group}}',
].join('');
