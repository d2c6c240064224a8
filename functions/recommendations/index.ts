/** The recommendations context's public face: what other contexts may use of it. */
export { getAdoption, getRecommendation } from './repository';
export { getMinutes } from './repository';
export { recommendationTasksFor } from './tasks';
