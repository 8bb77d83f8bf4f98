import { z } from 'zod';

import type { FieldLabels } from '../common/validation';

/** API field → the parameter name users see (as the editor shows it), so validation errors point at the right field. */
export const LABELS: FieldLabels = {
	id: 'ID',
	label: 'Label',
	data_type: 'Data Type',
	example: 'Example',
	description: 'Description',
	export_alias: 'Export Alias',
	pi_data: 'Personal Data (PII)',
	importable: 'Importable',
	exportable: 'Exportable',
	email: 'Email',
	mobile_phone_number: 'Mobile Phone Number',
	full_name: 'Full Name',
	organization_id: 'Organization ID',
	lists: 'Profile List Names or IDs',
	comment: 'Comment',
	custom_properties: 'Custom Properties',
	name: 'Name',
	color: 'Color',
	status: 'Status',
	targeting: 'Targeting (JSON)',
	labels: 'Labels',
	messages: 'Messages (JSON)',
	channel: 'Channel',
	integration_id: 'Integration ID',
	ab_test: 'A/B Test (JSON)',
	scheduled_time: 'Scheduled Time',
	run_immediately: 'Run Immediately',
	is_draft: 'Draft',
	reason: 'Reason',
	metadata: 'Metadata (JSON)',
};

export const DATA_TYPES = ['text', 'number', 'date'] as const;
export const SEGMENT_STATUSES = ['active', 'inactive'] as const;
export const CHANNELS = ['push', 'email', 'sms'] as const;
/** Types the bulk custom-property call accepts; only `string` is shown in Ocamba's docs. */
export const CUSTOM_PROPERTY_TYPES = ['string', 'number', 'date'] as const;
/** Documented: at most this many custom properties per profile in one bulk update. */
export const MAX_CUSTOM_PROPERTIES = 100;
/** Segment targeting keys Ocamba deprecated, and what replaces them. */
export const DEPRECATED_TARGETING: Record<string, string> = {
	remote_users: 'remote_ids',
	users: 'profiles',
	subscribed_age: 'profile_age',
	user_data: 'custom_properties',
	tags: 'containers',
	accounts: 'partners',
};

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { errorMap: () => ({ message: `must be one of: ${values.join(', ')}` }) });

const text = (max: number) =>
	z.string({ invalid_type_error: 'must be text' }).max(max, `must be at most ${max} characters`);

const requiredText = (max: number) =>
	z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.trim()
		.min(1, 'is required')
		.max(max, `must be at most ${max} characters`);

const flag = z.union([z.literal(0), z.literal(1)], {
	errorMap: () => ({ message: 'must be 0 or 1' }),
});

/** Ocamba IDs are numeric strings (profile IDs have 19–20 digits, more than a JS number holds). */
export const ID_PATTERN = /^\d{1,24}$/;
export const idSchema = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.regex(ID_PATTERN, 'must be an Ocamba ID: digits only, such as 1000105');

const jsonObject = (what: string) =>
	z.record(z.unknown(), { invalid_type_error: `must be a JSON object (${what})` });

// ---------------------------------------------------------------------------------------------
// Profile properties

// Only "required" is checked: Ocamba documents no pattern or length for a label, so the API decides
// and its own message is shown.
const propertyLabel = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required');

const propertyChanges = {
	example: text(500).optional(),
	description: text(2000).optional(),
	export_alias: text(100).optional(),
	pi_data: flag.optional(),
	importable: flag.optional(),
	exportable: flag.optional(),
};
/** The fields PATCH /profile-properties/{id} accepts. */
export const PROPERTY_UPDATABLE = Object.keys(propertyChanges);

export const propertyCreateSchema = z
	.object({ label: propertyLabel, data_type: oneOf(DATA_TYPES), ...propertyChanges })
	.strict();
export const propertyUpdateSchema = z.object(propertyChanges).strict();

// ---------------------------------------------------------------------------------------------
// Profiles

const email = z
	.string({ invalid_type_error: 'must be text' })
	.trim()
	.email('must be an email address');
const e164 = z
	.string({ invalid_type_error: 'must be text' })
	.trim()
	.regex(
		/^\+[1-9]\d{6,14}$/,
		'must be in E.164 format: + and country code, digits only, such as +4915123456789',
	);
const customValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
	errorMap: () => ({ message: 'must be text, a number, true/false or null' }),
});
export const customPropertiesSchema = z.record(customValue, {
	invalid_type_error: 'must be a JSON object of property label → value',
});

export const profileCreateSchema = z
	.object({
		email: email.optional(),
		mobile_phone_number: e164.optional(),
		full_name: text(200).optional(),
	})
	.strict()
	.superRefine((profile, context) => {
		if (!profile.email && !profile.mobile_phone_number)
			context.addIssue({
				code: 'custom',
				path: ['email'],
				message: 'is required when Mobile Phone Number is empty',
			});
	});

export const profileUpdateSchema = z
	.object({
		email: email.optional(),
		mobile_phone_number: e164.optional(),
		full_name: text(200).optional(),
		organization_id: idSchema.optional(),
		lists: z
			.array(idSchema, { invalid_type_error: 'must be a list of profile list IDs' })
			.optional(),
		comment: text(2000).optional(),
		custom_properties: customPropertiesSchema.optional(),
	})
	.strict();

const customPropertyEntry = z
	.object({
		type: oneOf(CUSTOM_PROPERTY_TYPES),
		value: z.union([z.string(), z.number(), z.null()], {
			errorMap: () => ({ message: 'must be text, a number or null' }),
		}),
	})
	.strict()
	.superRefine((entry, context) => {
		if (entry.type === 'number' && entry.value !== null && typeof entry.value !== 'number')
			context.addIssue({
				code: 'custom',
				path: ['value'],
				message: 'must be a number for the type "number"',
			});
	});
export const bulkProfileSchema = z
	.object({
		id: idSchema,
		custom_properties: z
			.record(customPropertyEntry, {
				invalid_type_error: 'must be a JSON object of property label → value',
			})
			.refine((properties) => Object.keys(properties).length > 0, 'needs at least one property')
			.refine(
				(properties) => Object.keys(properties).length <= MAX_CUSTOM_PROPERTIES,
				`must not hold more than ${MAX_CUSTOM_PROPERTIES} properties (the API's limit per profile)`,
			),
	})
	.strict();
export type BulkProfile = z.infer<typeof bulkProfileSchema>;

// ---------------------------------------------------------------------------------------------
// Profile lists

const color = z
	.string({ invalid_type_error: 'must be text' })
	.trim()
	.regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'must be a hex color such as #1a73e8');

const listFields = {
	name: requiredText(100),
	color: color.optional(),
	description: text(2000).optional(),
};
export const listCreateSchema = z.object(listFields).strict();
export const listUpdateSchema = z
	.object({ ...listFields, name: listFields.name.optional() })
	.strict();

// ---------------------------------------------------------------------------------------------
// Segments

const targeting = jsonObject('the targeting rules').superRefine((rules, context) => {
	for (const key of Object.keys(rules)) {
		const replacement = DEPRECATED_TARGETING[key];
		if (replacement)
			context.addIssue({
				code: 'custom',
				path: [key],
				message: `is deprecated by Ocamba; use "${replacement}" instead`,
			});
	}
});
const segmentFields = {
	name: requiredText(200),
	status: oneOf(SEGMENT_STATUSES),
	targeting: targeting.optional(),
};
export const segmentCreateSchema = z.object(segmentFields).strict();
export const segmentUpdateSchema = z
	.object({
		name: segmentFields.name.optional(),
		status: segmentFields.status.optional(),
		targeting: targeting.optional(),
	})
	.strict();

// ---------------------------------------------------------------------------------------------
// Campaigns

/** Timestamps as Ocamba writes them: "YYYY-MM-DD HH:MM:SS", in GMT. */
export const HOOD_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const hoodTime = z
	.string({ invalid_type_error: 'must be a date-time' })
	.regex(HOOD_TIME, 'must be a date-time such as 2025-06-01 08:00:00 (GMT)');

const message = z
	.object({
		channel: oneOf(CHANNELS),
		integration_id: z.union([z.string(), z.number()]).optional(),
	})
	.passthrough()
	.superRefine((entry, context) => {
		if (
			entry.channel !== 'push' &&
			(entry.integration_id === undefined || entry.integration_id === '')
		)
			context.addIssue({
				code: 'custom',
				path: ['integration_id'],
				message: `is required for the ${entry.channel} channel`,
			});
	});
const messages = z
	.array(message, { invalid_type_error: 'must be a JSON list of messages' })
	.min(1, 'needs at least one message');

const campaignFields = {
	name: requiredText(200),
	description: text(2000).optional(),
	labels: z.array(z.string().trim().min(1, 'must not be empty')).optional(),
	messages: messages.optional(),
	targeting: jsonObject('the targeting rules').optional(),
	ab_test: jsonObject('the A/B test settings').optional(),
	scheduled_time: hoodTime.optional(),
	run_immediately: z.boolean().optional(),
	is_draft: z.boolean().optional(),
};

function checkAbTest(
	campaign: { messages?: Array<{ channel: string }>; ab_test?: unknown },
	context: z.RefinementCtx,
) {
	const perChannel = new Map<string, number>();
	for (const { channel } of campaign.messages ?? [])
		perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
	for (const [channel, count] of perChannel) {
		if (count > 4)
			context.addIssue({
				code: 'custom',
				path: ['messages'],
				message: `may hold at most 4 ${channel} messages (A/B test variants)`,
			});
		else if (count > 1 && !campaign.ab_test)
			context.addIssue({
				code: 'custom',
				path: ['ab_test'],
				message: `is required when several messages share the ${channel} channel`,
			});
	}
}

export const campaignCreateSchema = z
	.object(campaignFields)
	.passthrough()
	.superRefine((campaign, context) => {
		checkAbTest(campaign, context);
		const modes = [
			campaign.run_immediately === true,
			campaign.scheduled_time !== undefined,
			campaign.is_draft === true,
		];
		if (modes.filter(Boolean).length > 1)
			context.addIssue({
				code: 'custom',
				path: ['scheduled_time'],
				message:
					'conflicts with another execution option: choose one of draft, run immediately or scheduled',
			});
	});

export const campaignUpdateSchema = z
	.object({ ...campaignFields, name: campaignFields.name.optional() })
	.passthrough()
	.superRefine(checkAbTest);

export const resumeSchema = z
	.object({ run_immediately: z.literal(true).optional(), scheduled_time: hoodTime.optional() })
	.strict()
	.superRefine((body, context) => {
		if ((body.run_immediately === undefined) === (body.scheduled_time === undefined))
			context.addIssue({
				code: 'custom',
				path: ['scheduled_time'],
				message: 'is required to resume on schedule',
			});
	});
