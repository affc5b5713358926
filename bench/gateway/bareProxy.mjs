// The least any gateway does per request, for `npm run bench -- gateway`: take the client's POST,
// send its body upstream over a keep-alive connection and stream the answer back. No parsing, no
// routing, no budget, no ledger, no logging. Its requests/s under the same load, on the same cores
// as the fake provider and autocannon, is the ceiling no real gateway can pass here.
//
//   node bench/gateway/bareProxy.mjs --port P --upstream http://127.0.0.1:Q
import http from 'node:http';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`--${name} is required`);
  return process.argv[i + 1];
};
const port = Number(arg('port'));
const upstream = new URL(arg('upstream'));
const agent = new http.Agent({ keepAlive: true });

http
  .createServer((req, res) => {
    const up = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  })
  .listen(port, '127.0.0.1', () => console.log(`bare proxy listening on ${port}`));
