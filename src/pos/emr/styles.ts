// The EMR's stylesheet, served as a file so the pages need no inline style.
export const EMR_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#222}
.bar{background:#2b4c7e;color:#fff;padding:.6em 1em;font-weight:600}.bar span{float:right;font-weight:400}
main{padding:1em 2em;max-width:70em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
.banner{background:#eef3fa;padding:.5em}.launch{margin:1em 0;padding:.8em;border:1px solid #2b4c7e;display:flex;gap:1em;align-items:center}
button{background:#2b4c7e;color:#fff;border:0;padding:.5em 1em;border-radius:3px;cursor:pointer}.error{color:#a00}.note{color:#555}
`;
