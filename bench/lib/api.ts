/** The service's JSON API from a bench scenario: GET without a body, POST with one, bearer when given. */
export function apiCaller(baseUrl: string) {
  return async <T>(path: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(baseUrl + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}
