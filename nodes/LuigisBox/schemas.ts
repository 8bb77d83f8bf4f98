import { z } from 'zod';

import type { FieldLabels } from '../common/validation';

export const TARGET_TYPES = ['item', 'criteria', 'all'] as const;
export const PIN_TYPES = ['item', 'criteria'] as const;
export const CONFLICT_STRATEGIES = ['raise', 'ignore', 'override'] as const;
/** Fields the API adds to a customization; dropped when a stored one is sent back (restore, sync). */
export const READ_ONLY_FIELDS = ['id', 'creator', 'created_at', 'updated_at', 'available'];

export const LABELS: FieldLabels = {
	model: 'Model',
	target_type: 'Target Type',
	target_identity: 'Target Identity',
	target_criteria: 'Target Criteria',
	target_metadata: 'Target Metadata',
	tags: 'Tags',
	pin_definitions: 'Pin',
	position: 'Position',
	pin_type: 'Pin Type',
	pin_identity: 'Pinned Item Identity',
	pin_criteria: 'Pinned Items Criteria (JSON)',
	widget_id: 'Widget ID',
	is_block_pin: 'Treat as Block Pin',
	is_bundle_pin: 'Treat as Bundle Pin',
	active_from: 'Schedule: Active From',
	active_to: 'Schedule: Active To',
	customizationId: 'Customization ID',
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The API compares pins against the current time, so a date-time must say which time zone it means. */
const isoDateTime = z
	.string({ invalid_type_error: 'must be a date-time text' })
	.refine(
		(value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
		'must be an ISO 8601 date-time with a time zone, such as 2025-06-01T00:00:00Z',
	);

const jsonObject = (what: string) =>
	z.record(z.unknown(), { invalid_type_error: `must be a JSON object (${what})` });

const requiredText = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required');

export const customizationIdSchema = z.object({
	customizationId: z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.trim()
		.uuid('must be a customization ID: a UUID such as 199620b4-df1a-46e8-ab59-9e9ed9af7106'),
});

const pinSchema = z
	.object({
		position: z
			.number({ required_error: 'is required', invalid_type_error: 'must be a number' })
			.int('must be a whole number')
			.min(-1, 'must be -1 (global pin), 0 (block pin) or a slot from 1 up'),
		pin_type: z.enum(PIN_TYPES, {
			errorMap: () => ({ message: `must be one of: ${PIN_TYPES.join(', ')}` }),
		}),
		pin_identity: z.string().trim().min(1, 'must not be empty').optional(),
		pin_criteria: jsonObject('criteria selecting the pinned items').optional(),
		widget_id: z.string().optional(),
		is_block_pin: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
		is_bundle_pin: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
		active_from: isoDateTime.optional(),
		active_to: isoDateTime.optional(),
	})
	.strict()
	.superRefine((pin, context) => {
		if (pin.pin_type === 'item' && !pin.pin_identity)
			context.addIssue({
				code: 'custom',
				path: ['pin_identity'],
				message: 'is required when Pin Type is "item"',
			});
		if (pin.pin_type === 'criteria' && !pin.pin_criteria)
			context.addIssue({
				code: 'custom',
				path: ['pin_criteria'],
				message: 'is required when Pin Type is "criteria"',
			});
		if (pin.is_block_pin && pin.position !== 0)
			context.addIssue({
				code: 'custom',
				path: ['position'],
				message: 'must be 0 for a block pin',
			});
		if (pin.active_from && pin.active_to && Date.parse(pin.active_to) < Date.parse(pin.active_from))
			context.addIssue({
				code: 'custom',
				path: ['active_to'],
				message: 'must not be before "Schedule: Active From"',
			});
	});

export const customizationSchema = z
	.object({
		model: requiredText,
		target_type: z.enum(TARGET_TYPES, {
			errorMap: () => ({ message: `must be one of: ${TARGET_TYPES.join(', ')}` }),
		}),
		target_identity: z.string().trim().min(1, 'must not be empty').optional(),
		target_criteria: jsonObject('criteria matching the input items').optional(),
		target_metadata: jsonObject('display metadata such as title and image').optional(),
		tags: z.array(z.string().trim().min(1, 'must not be empty')).optional(),
		pin_definitions: z
			.array(pinSchema, {
				required_error: 'is required',
				invalid_type_error: 'must be a list of pins',
			})
			.min(1, 'needs at least one pin'),
	})
	.strict()
	.superRefine((customization, context) => {
		if (customization.target_type === 'item' && !customization.target_identity)
			context.addIssue({
				code: 'custom',
				path: ['target_identity'],
				message: 'is required when Target Type is "item"',
			});
		if (customization.target_type === 'criteria' && !customization.target_criteria)
			context.addIssue({
				code: 'custom',
				path: ['target_criteria'],
				message: 'is required when Target Type is "criteria"',
			});
	});

export type Customization = z.infer<typeof customizationSchema>;
