// The EMR's stylesheet, served as a file so the pages need no inline style.
export const EMR_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#222}
.bar{background:#2b4c7e;color:#fff;padding:.6em 1em;font-weight:600}.bar span{float:right;font-weight:400}
main{padding:1em 2em;max-width:70em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
.banner{background:#eef3fa;padding:.5em}.launch{margin:1em 0;padding:.8em;border:1px solid #2b4c7e;display:flex;gap:1em;align-items:center}
button{background:#2b4c7e;color:#fff;border:0;padding:.5em 1em;border-radius:3px;cursor:pointer;font:inherit}.error{color:#a00}.note{color:#555}h3{margin:1.2em 0 .3em;color:#2b4c7e}h3 small{color:#777;font-weight:400}
`;

/** The page icon (Chromium asks for one; a file, since the CSP allows no data: URLs). */
export const EMR_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2b4c7e"/><path d="M6.5 3h3v3.5H13v3H9.5V13h-3V9.5H3v-3h3.5z" fill="#fff"/></svg>';
