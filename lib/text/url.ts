// The stored identity of a page's address.

/** Query parameters that track the click, not the page: dropped when the page gives no canonical URL. */
const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|smid|smtyp|taid|mbid|at_medium|at_campaign|guccounter|ref|ref_src|src)$/i;

/** The stored identity of a page: canonical URL without fragment and tracking parameters. */
export function canonicalizeUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    u.hash = '';
    u.hostname = u.hostname.toLowerCase();
    for (const name of [...u.searchParams.keys()]) if (TRACKING_PARAMS.test(name)) u.searchParams.delete(name);
    return u.toString();
  } catch {
    return url.trim();
  }
}
