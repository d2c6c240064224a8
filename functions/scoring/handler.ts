import { lambdaHandler } from '../lib/lambda-deps';
import { scoringRoutes } from './app';

export const handler = lambdaHandler([scoringRoutes]);
