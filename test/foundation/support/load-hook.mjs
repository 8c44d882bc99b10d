// Module hook for start-probe.ts: reports the URL of every ES module loaded to the port it was given.
let port;
export function initialize(data) {
  port = data.port;
}
export async function load(url, context, next) {
  port.postMessage(url);
  return next(url, context);
}
