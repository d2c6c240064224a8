/** The results context's public face: nothing other contexts use yet (it only reads them). */
export { PUBLIC_CACHE_CONTROL } from './cache';
