import type { Queryable } from './db/index.js';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km between two points given in degrees. */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface ServiceArea {
  id: string;
  lat: number | null;
  lon: number | null;
  service_radius_km: number | null;
}

/** Every store with where it serves, in id order: read once for a batch of orders. */
export async function serviceAreas(q: Queryable): Promise<ServiceArea[]> {
  return q.query<ServiceArea>('SELECT id, lat, lon, service_radius_km FROM stores ORDER BY id');
}

/** The nearest of the stores whose service radius covers the point, or undefined. Ties go to the smaller id. */
export function nearestStore(stores: readonly ServiceArea[], point: { lat: number; lon: number }, exclude: ReadonlySet<string> = new Set()): string | undefined {
  let best: { id: string; km: number } | undefined;
  for (const s of stores) {
    if (exclude.has(s.id) || s.lat === null || s.lon === null || s.service_radius_km === null) continue;
    const km = haversineKm(point, { lat: s.lat, lon: s.lon });
    if (km <= s.service_radius_km && (!best || km < best.km)) best = { id: s.id, km };
  }
  return best?.id;
}

/** The nearest store whose service radius covers the point, or undefined. Ties go to the smaller id. */
export async function routeByLocation(q: Queryable, point: { lat: number; lon: number }, exclude: ReadonlySet<string> = new Set()): Promise<string | undefined> {
  return nearestStore(await serviceAreas(q), point, exclude);
}
