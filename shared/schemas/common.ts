/**
 * Building blocks of every schema: amounts in integer cents, identifiers,
 * bounded texts. Limits are generous for people and tight for abuse.
 */
import * as z from 'zod';

/** One billion dollars, in cents: above any envelope of the network. */
const MAX_CENTS = 100_000_000_000;

/** An amount of money in integer cents, never negative, never a fraction of a cent. */
export const cents = z.number().int().min(0).max(MAX_CENTS);

/** A percentage in integer basis points (10 % = 1 000). */
export const basisPoints = z.number().int().min(0).max(10_000);

import { ID_PATTERN } from '../identifiers';

export const id = z.string().regex(ID_PATTERN);

export const version = z.number().int().min(1);

export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max);

/** An instant with its offset, e.g. `2026-12-01T22:00:00.000Z`. */
export const instant = z.iso.datetime({ offset: true });

export const fiscalStartYear = z.number().int().min(2000).max(2100);

export const pageQuery = z.strictObject({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Quebec's 17 administrative regions. */
export const REGIONS = [
  '01-bas-saint-laurent',
  '02-saguenay-lac-saint-jean',
  '03-capitale-nationale',
  '04-mauricie',
  '05-estrie',
  '06-montreal',
  '07-outaouais',
  '08-abitibi-temiscamingue',
  '09-cote-nord',
  '10-nord-du-quebec',
  '11-gaspesie-iles-de-la-madeleine',
  '12-chaudiere-appalaches',
  '13-laval',
  '14-lanaudiere',
  '15-laurentides',
  '16-monteregie',
  '17-centre-du-quebec',
] as const;
export const region = z.enum(REGIONS);
export type Region = (typeof REGIONS)[number];

/**
 * The regions' official names (Institut de la statistique du Québec), proper names written the same in
 * French and English. The stored codes above stay as they are: only what people read comes from here.
 */
const REGION_NAMES: Record<Region, string> = {
  '01-bas-saint-laurent': 'Bas-Saint-Laurent',
  '02-saguenay-lac-saint-jean': 'Saguenay–Lac-Saint-Jean',
  '03-capitale-nationale': 'Capitale-Nationale',
  '04-mauricie': 'Mauricie',
  '05-estrie': 'Estrie',
  '06-montreal': 'Montréal',
  '07-outaouais': 'Outaouais',
  '08-abitibi-temiscamingue': 'Abitibi-Témiscamingue',
  '09-cote-nord': 'Côte-Nord',
  '10-nord-du-quebec': 'Nord-du-Québec',
  '11-gaspesie-iles-de-la-madeleine': 'Gaspésie–Îles-de-la-Madeleine',
  '12-chaudiere-appalaches': 'Chaudière-Appalaches',
  '13-laval': 'Laval',
  '14-lanaudiere': 'Lanaudière',
  '15-laurentides': 'Laurentides',
  '16-monteregie': 'Montérégie',
  '17-centre-du-quebec': 'Centre-du-Québec',
};

/** `06 — Montréal`: the region's number, as the Quebec government numbers them, and its official name. */
export function regionLabel(code: Region): string {
  return `${code.slice(0, 2)} — ${REGION_NAMES[code]}`;
}
