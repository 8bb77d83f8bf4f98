import { z } from 'zod';

import { visitorUid } from '../../schemas';

/** Options sent as headers: option name, header, the option's name in the editor. */
export const HEADER_OPTIONS: Array<[string, string, string]> = [
	['pageUrl', 'x-page-url', 'Page URL'],
	['referer', 'referer', 'Referrer'],
	['ipAddress', 'x-forwarded-for', 'IP Address'],
	['userAgent', 'user-agent', 'User Agent'],
	['lyticsIdField', 'x-lytics-id-field', 'Lytics ID Field'],
	['lyticsIdValue', 'x-lytics-id-value', 'Lytics ID Value'],
];

/** The visitor and live attributes, checked before GET /manifest. */
export const manifestSchema = z.object({
	userUid: visitorUid.optional(),
	liveAttributes: z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' }).optional(),
});
