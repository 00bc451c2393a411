// The floor: page through GET /v2/images?limit=1000 with a plain HTTP client (Node's fetch) and a
// token issued beforehand. Nothing is parsed beyond what following `next` needs. Prints JSON.
const glance = process.env.GLANCE_URL;
const token = process.env.TOKEN;
let url = `${glance}/v2/images?limit=1000&member_status=all`;
let images = 0;
let requests = 0;
while (url) {
  const res = await fetch(url, { headers: { 'X-Auth-Token': token, Accept: 'application/json' } });
  requests++;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const page = await res.json();
  images += page.images.length;
  url = page.next ? `${glance}${page.next}` : undefined;
}
process.stdout.write(JSON.stringify({ images, requests }));
