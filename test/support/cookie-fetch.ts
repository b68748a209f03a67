/**
 * fetch that keeps cookies as a browser does for one site (Node's fetch keeps none), so a
 * session client can be tested outside a browser. Only name=value is kept: the server here
 * sets one session cookie for the whole site.
 */
export function fetchWithCookies(): (input: Request) => Promise<Response> {
  const jar = new Map<string, string>();
  return async (input) => {
    const request = new Request(input);
    if (jar.size > 0) request.headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(request);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const separator = pair.indexOf('=');
      jar.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  };
}
