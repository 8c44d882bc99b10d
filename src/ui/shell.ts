// The one HTML page of the dashboard: no inline script or style, everything else is built by /ui/app.js.

/** The static shell; pages are rendered client-side from the admin and FHIR APIs. */
export function renderShell(version: string): string {
  const v = encodeURIComponent(version);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hie-sandbox dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/style.css?v=${v}">
<script type="module" src="/ui/app.js?v=${v}"></script>
</head>
<body>
<noscript><p>The dashboard needs JavaScript. The plain endpoint list is at <a href="/ui/plain">/ui/plain</a>.</p></noscript>
<div id="app" class="app"></div>
</body>
</html>
`;
}
