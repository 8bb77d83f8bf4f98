import { geolocationOperation } from './geolocation';

export const { description, execute } = geolocationOperation('getCities', 'cities');
