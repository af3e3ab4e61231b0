/** The report page's style sheet, inlined so the page needs nothing at view time. */
export const reportCss = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330;
  margin: 0; background: #f6f7f9; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 12px; border-top: 1px solid #e3e6ea; }
h3 { font-size: 16px; margin: 22px 0 6px; }
p.lead { color: #4a5262; margin: 0 0 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0;
  font-size: 14px; }
dl.facts dt { color: #5b6474; }
dl.facts dd { margin: 0; }
.charts { display: flex; flex-wrap: wrap; gap: 16px 28px; margin: 8px 0 12px; }
table { border-collapse: collapse; font-size: 14px; margin: 6px 0 14px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e3e6ea; text-align: left; }
th { background: #f0f2f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { background: #f0f2f5; padding: 1px 4px; border-radius: 3px; font-size: 13px; }
.missing { color: #6b7280; font-style: italic; }
.example { border: 1px solid #e3e6ea; border-radius: 6px; padding: 8px 14px; margin: 10px 0; }
.example ol { margin: 4px 0; padding-left: 22px; }
.example li { margin: 6px 0; }
.path { display: inline-block; background: #fdf1e7; border: 1px solid #f3c9a5; border-radius: 4px;
  padding: 0 6px; margin: 2px 4px 2px 0; font-size: 13px; }
.weight { color: #6b7280; font-size: 12px; }
svg.chart { font-family: inherit; }
svg .chart-title { font-size: 14px; font-weight: 600; fill: #1d2330; }
svg .chart-note, svg .tick, svg .legend { font-size: 11px; fill: #5b6474; }
svg .axis-label { font-size: 12px; fill: #1d2330; }
svg .bar-label, svg .bar-value { font-size: 12px; fill: #1d2330; }
svg .grid { stroke: #e6e8ec; stroke-width: 1; }
svg .axis { stroke: #9aa1ad; stroke-width: 1; }
svg .error-bar { stroke: #1d2330; stroke-width: 1.4; }
`;
