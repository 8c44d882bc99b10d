// Ocean's launched-page stylesheet, served as a file (the CSP allows no inline style).
export const LAUNCH_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#1d2a36}
.top{background:#00838f;color:#fff;padding:.6em 1em;font-weight:600}.top nav{display:inline;margin-left:1em}.top nav a{color:#fff;margin-left:1em;font-weight:400}
.banner{background:#e0f2f1;padding:.6em 1em;border-bottom:1px solid #9cc}main{padding:1em 2em;max-width:72em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
textarea{width:100%;box-sizing:border-box;min-height:3.5em;font:inherit}input[name=service]{width:20em}label{display:block;margin:.6em 0 .2em;font-weight:600}
button,.button{background:#00838f;color:#fff;border:0;padding:.5em 1.2em;border-radius:3px;cursor:pointer;text-decoration:none;font:inherit;display:inline-block}main>form{margin-bottom:1.2em}
.panel{border:1px solid #e0a800;background:#fff8e1;padding:.6em 1em;margin-top:2em}.panel.ok{border-color:#4caf50;background:#f1f8e9}
.stop{color:#a00;font-weight:600}.fix{background:#f4f6f8;border:1px solid #ccd;padding:.8em 1em;white-space:pre-wrap}.error{color:#a00}.sent{background:#e8f5e9;border:1px solid #4caf50;padding:.6em 1em}
`;

/** The page icon (Chromium asks for one; a file, since the CSP allows no data: URLs). */
export const LAUNCH_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#00838f"/><circle cx="8" cy="8" r="3.5" fill="none" stroke="#fff" stroke-width="2"/></svg>';
