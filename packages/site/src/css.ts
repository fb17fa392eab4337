/**
 * The one shared stylesheet. Colours meet WCAG 2.1 AA contrast on white (checked by axe in the integration
 * tests); status and check colours always come with a symbol and a word, never colour alone (WCAG 1.4.1).
 */
export const SITE_CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1f24;background:#f6f7f9}
.wrap{max-width:1200px;margin:0 auto;padding:0 16px}
a{color:#0b57a4}
a:focus-visible,summary:focus-visible,.table-wrap:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:8px}
.skip:focus{left:8px;z-index:10}
.top{background:#0d3b66;color:#fff}
.top .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px;padding-top:10px;padding-bottom:10px}
.brand{color:#fff;font-weight:700;font-size:1.15rem;text-decoration:none}
.brand span{font-weight:400;font-size:.9rem;margin-left:6px}
.top ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
.top nav a{color:#fff}
.top nav a[aria-current]{font-weight:700;text-decoration-thickness:3px}
main{padding-top:8px;padding-bottom:24px}
h1{font-size:1.6rem;line-height:1.25;margin:16px 0 8px}
h2{font-size:1.25rem;margin:28px 0 8px}
h3{font-size:1.05rem;margin:20px 0 6px}
.headline{font-size:1.3rem;background:#fff;border-left:6px solid #0d3b66;padding:12px 16px;margin:12px 0}
.headline strong{font-size:1.8rem}
.muted{color:#4b5563}
.small{font-size:.875rem}
.replay{background:#fff8e1;border:1px solid #b35c00;border-radius:6px;padding:8px 12px;margin:12px 0}
.card{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:12px 16px;margin:12px 0}
.tabs{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:12px 0}
.tabs a{display:inline-block;padding:6px 12px;border:1px solid #0b57a4;border-radius:16px;background:#fff;text-decoration:none}
.tabs a[aria-current]{background:#0b57a4;color:#fff}
.table-wrap{overflow-x:auto;max-width:100%;background:#fff;border:1px solid #d5d9e0;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:8px 10px}
th,td{padding:6px 10px;border-bottom:1px solid #e3e6eb;text-align:left;vertical-align:top}
thead th{background:#eef1f5}
tbody th{min-width:10em}
.counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:12px 0}
.count{display:inline-flex;align-items:baseline;gap:6px;padding:6px 12px;border:1px solid #d5d9e0;border-radius:8px;background:#fff;text-decoration:none;color:#1b1f24}
.count strong{font-size:1.4rem}
.count[aria-current]{outline:3px solid #0b57a4;outline-offset:-1px}
.headline .small{display:block}
.picture{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;align-items:start;margin:12px 0}
.map{margin:0;background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:8px}
.map svg{display:block;width:100%;height:auto;max-height:640px}
.pv{stroke:#fff;stroke-width:.6;fill:#c4c9d1}
a:hover .pv,a:focus .pv{stroke:#1b1f24;stroke-width:1.5}
.s-up{fill:#3f9b5a}.s-degraded{fill:#e0a030}.s-down{fill:#c8412f}.s-blocked{fill:#8f6bbf}.s-consolidated{fill:#5a8fd0}.s-error,.s-none{fill:#8a929c}.s-off{fill:#dde1e6}
.archipelago rect{fill:none;stroke:#6b7280;stroke-dasharray:3 3}.isl{stroke:#374151;stroke-width:1.6;stroke-linejoin:round}
.archipelago text{font-size:12px;font-weight:600;fill:#1b1f24}
.map-legend{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;padding:0;margin:8px 0 4px;font-size:.875rem}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;border:1px solid #6b7280}
span.s-up{background:#3f9b5a}span.s-degraded{background:#e0a030}span.s-down{background:#c8412f}span.s-blocked{background:#8f6bbf}span.s-consolidated{background:#5a8fd0}span.s-none,span.s-error{background:#8a929c}span.s-off{background:#dde1e6}
.credit{margin:0}
.tiles h2{margin-top:0}
.tile-grid{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px}
.tile{background:#fff;border:1px solid #d5d9e0;border-left:6px solid #8a929c;border-radius:6px;padding:6px 8px;font-size:.875rem}
.tile a{display:block;font-weight:600}
.t-up{border-left-color:#3f9b5a}.t-degraded{border-left-color:#e0a030}.t-down{border-left-color:#c8412f}.t-blocked{border-left-color:#8f6bbf}.t-consolidated{border-left-color:#5a8fd0}
table.rank td.status{min-width:12em}
table.rank .name{min-width:12em}
table.rank .kind{display:block;font-weight:400;font-size:.8rem;color:#4b5563}
.spark{display:block}.sk-ok{fill:#3f9b5a}.sk-bad{fill:#c8412f}.sk-none{fill:#c4c9d1}
.matrix th[scope=row]{position:sticky;left:0;z-index:1;background:#fff;box-shadow:1px 0 0 #d5d9e0}.matrix thead th:first-child{position:sticky;left:0;z-index:2}
.lead{background:#fff;border:1px solid #d5d9e0;border-left:8px solid #8a929c;border-radius:6px;padding:8px 16px;margin:12px 0}
.lead-up{border-left-color:#146c2e}.lead-degraded{border-left-color:#8a4b00}.lead-down{border-left-color:#b3261e}.lead-blocked{border-left-color:#6b3fa0}
.lead-status{margin:4px 0;font-size:1.3rem}
.lead-body{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;align-items:start}
.http{font-size:1.2rem;color:#b3261e}
.page-text{font-size:1.05rem}
.fail-band{fill:#fde8e7}
.lg-fail::before{border-top:8px solid #fde8e7}
.fail-note{border-left:4px solid #b3261e;background:#fde8e7;padding:6px 10px}
figure{margin:12px 0}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.st{font-weight:600}
.why{color:#374151}
.st-up{color:#146c2e}.st-degraded{color:#8a4b00}.st-down{color:#b3261e}.st-blocked{color:#6b3fa0}
.st-consolidated{color:#0b57a4}.st-error,.st-none{color:#4b5563}
.badge{display:inline-block;font-size:.8rem;border:1px solid currentColor;border-radius:10px;padding:0 6px;margin-left:4px;color:#8a4b00;font-weight:600}
.grade{display:inline-block;min-width:1.6em;text-align:center;border-radius:4px;font-weight:700;color:#fff;background:#4b5563}
.g-A{background:#146c2e}.g-B{background:#3b7a1a}.g-C{background:#7a5a00}.g-D{background:#a4480a}.g-E{background:#b3261e}
.up{color:#146c2e}.down{color:#b3261e}
.matrix td,.matrix th{padding:4px 6px;text-align:center}
.matrix th[scope=row]{text-align:left;white-space:nowrap}
.matrix thead th{white-space:normal;min-width:5.5em;font-size:.8rem;vertical-align:bottom}
.matrix a{display:block;text-decoration:none;font-weight:700;white-space:nowrap}
.risk{border-left:4px solid #b3261e;padding:4px 8px;background:#fde8e7}
.c-p{background:#e6f4ea}.c-p a{color:#146c2e}
.c-f{background:#fde8e7}.c-f a{color:#b3261e}
.c-u{background:#f1f3f5}.c-u a{color:#4b5563}
.legend{font-size:.875rem;margin:4px 0}
.lg{margin-right:12px;white-space:nowrap}
.lg::before{content:"";display:inline-block;width:22px;height:0;border-top:3px solid #0b57a4;vertical-align:middle;margin-right:4px}
.lg-alt::before{border-top:3px dashed #8a4b00}
.lg-th::before{border-top:2px dotted #b3261e}
.chart{margin:12px 0;background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:8px 12px}
.chart figcaption{font-weight:600}
.chart svg{width:100%;height:auto;display:block}
.chart text{font-size:12px;fill:#374151}
.chart .grid{stroke:#e3e6eb}.chart .axis{stroke:#6b7280}
.chart path{fill:none;stroke-width:2}
.s-main path{stroke:#0b57a4}.s-main circle{fill:#0b57a4}
.s-alt path{stroke:#8a4b00;stroke-dasharray:6 4}.s-alt circle{fill:#8a4b00}
.chart .th{stroke:#b3261e;stroke-dasharray:2 3;stroke-width:2}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 16px}
.strip{display:block;width:100%;max-width:540px;height:14px}
.strip .f{fill:#b3261e}.strip .o{fill:#e3e6eb}
details summary{cursor:pointer;color:#0b57a4;margin:4px 0}
.evidence{overflow-wrap:anywhere;word-break:break-word}
p code{overflow-wrap:anywhere}
.shot{max-width:100%;height:auto;border:1px solid #d5d9e0}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0}
dl.kv dt{font-weight:600}dl.kv dd{margin:0;overflow-wrap:anywhere}
dl.kv .st{white-space:normal}
dl.kv>*{min-width:0}
ul.timeline{list-style:none;padding:0}
ul.timeline li{border-left:4px solid #b3261e;background:#fff;margin:8px 0;padding:8px 12px}
ul.timeline li.resolved{border-left-color:#146c2e}
footer{font-size:.875rem;color:#4b5563;padding-bottom:24px;border-top:1px solid #d5d9e0}
svg.bar766 .max{fill:#e3e6eb}svg.bar766 .val{fill:#0b57a4}
.scatter766 circle{r:5px;fill:#0b57a4;stroke:#fff}.scatter766 .median{stroke:#6b7280;stroke-dasharray:5 4}
@media (max-width:900px){.picture,.lead-body{grid-template-columns:1fr}}
@media (max-width:700px){table.rank,table.rank tbody,table.rank tr,table.rank td,table.rank th{display:block}
table.rank thead{position:absolute;left:-9999px}table.rank caption{display:block}
table.rank tr{border-bottom:1px solid #d5d9e0;padding:8px 10px}
table.rank td,table.rank th{border:0;padding:2px 0;min-width:0;text-align:left}
table.rank td.n,table.rank td.spark-cell,table.rank td.move{display:inline-block;margin-right:14px}
table.rank td:nth-child(n+3)::before{font-size:.8rem;color:#4b5563}table.rank td:nth-child(3)::before{content:"Hạng: "}table.rank td:nth-child(4)::before{content:"Điểm: "}table.rank td:nth-child(6)::before{content:"Khả dụng 7 ngày: "}table.rank td:nth-child(7)::before{content:"LCP: "}table.rank td:nth-child(8)::before{content:"Biểu mẫu: "}table.rank td:nth-child(10)::before{content:"Chỉ số 766: "}
.rank-wrap{overflow-x:visible}
.matrix th[scope=row]{white-space:normal;min-width:7em;max-width:9em}.matrix th[scope=row] a{white-space:normal}}
@media (max-width:600px){.count{padding:3px 8px;gap:4px}.count strong{font-size:1.1rem}.counts{gap:6px}h1{font-size:1.35rem}.headline{font-size:1.1rem}.brand span{display:block;margin:0}dl.kv{grid-template-columns:1fr}}
`;
