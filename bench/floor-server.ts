// Scenario (f): the floor of this client and runtime, a bare node:http server answering `{}` to
// everything. No framework, no logging: what is left is the socket, HTTP parsing and the client.
import { createServer } from 'node:http';

const body = '{}';

createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  response.end(body);
}).listen(Number(process.env.PORT));
