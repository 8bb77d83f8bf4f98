import { z } from 'zod';

import { calendarDateSchema, endNotBeforeStart } from '../common/schemas';
import type { FieldLabels } from '../common/validation';

/** Content fields with a fixed meaning; every other key of a content object is a custom attribute. */
export const STANDARD_FIELDS = ['id', 'name', 'tags', 'rating', 'start_date', 'end_date'] as const;
export const MAX_ID_LENGTH = 100;
export const MAX_NAME_LENGTH = 255;
export const MAX_TAG_LENGTH = 100;

/** Labels when the content comes from the node's fields. */
export const FIELD_LABELS: FieldLabels = {
	id: 'Content ID',
	name: 'Name',
	tags: 'Tags',
	rating: 'Rating',
	start_date: 'Start Date',
	end_date: 'End Date',
	attributes: 'Attribute',
	changes: 'Update Fields',
};

/** Labels when each input item is the content object: the API's own keys, which the user wrote. */
export const JSON_LABELS: FieldLabels = {
	attributes: 'Attribute',
	changes: 'Input Item JSON',
};

export type ContentOperation = 'replace' | 'update' | 'delete';

const contentId = z.preprocess(
	// Catalog IDs are often numbers in spreadsheets and feeds; the API takes them as text.
	(value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
	z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.refine((value) => value.trim() !== '', 'is required')
		.refine((value) => value.length <= MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
		.refine((value) => !value.includes('/'), 'must not contain "/" (the API refuses it)'),
);

const attributeValue = z.preprocess(
	(value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value),
	z.string({
		required_error: 'must be text',
		invalid_type_error: 'must be text (numbers are converted; objects and lists are not allowed)',
	}),
);

/** A custom attribute: always a list of texts in the API. A single value becomes a one-entry list. */
const attributeValues = z.preprocess(
	(value) =>
		Array.isArray(value) || value === null || typeof value === 'object' ? value : [value],
	z.array(attributeValue, {
		invalid_type_error: 'must be a list of texts (numbers are converted; objects are not allowed)',
	}),
);

const attributes = z.record(attributeValues).superRefine((record, context) => {
	for (const name of Object.keys(record)) {
		if (name.trim() === '')
			context.addIssue({ code: z.ZodIssueCode.custom, path: [], message: 'needs a name' });
		else if ((STANDARD_FIELDS as readonly string[]).includes(name))
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: [name],
				message: `"${name}" is a standard field, not an attribute; use its own field`,
			});
	}
});

const contentFields = {
	id: contentId,
	name: z
		.string({ invalid_type_error: 'must be text' })
		.max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
		.optional(),
	tags: z
		.array(
			z
				.string({ invalid_type_error: 'must be text' })
				.max(
					MAX_TAG_LENGTH,
					`must be at most ${MAX_TAG_LENGTH} characters (the API would silently truncate it)`,
				),
			{ invalid_type_error: 'must be a list of texts' },
		)
		.optional(),
	rating: z
		.number({ invalid_type_error: 'must be a number' })
		.finite('must be a finite number')
		.optional(),
	start_date: calendarDateSchema().optional(),
	end_date: calendarDateSchema().optional(),
	attributes,
};

/**
 * What validation sees: the standard fields plus `attributes` (name → values), so an error names
 * the attribute. `toPayload` flattens it back into the API's content object.
 */
export interface ContentCandidate {
	id?: unknown;
	name?: unknown;
	tags?: unknown;
	rating?: unknown;
	start_date?: unknown;
	end_date?: unknown;
	attributes: Record<string, unknown>;
}

const replaceSchema = z
	.object(contentFields)
	.strict()
	.superRefine(endNotBeforeStart('start_date', 'end_date', 'the start date'))
	.superRefine((content, context) => {
		if (!Object.values(content.attributes).some((values) => values.length > 0))
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['attributes'],
				message:
					'at least one with a value is required: the API silently drops content that has no attribute',
			});
	});

const updateSchema = z
	.object(contentFields)
	.strict()
	.superRefine(endNotBeforeStart('start_date', 'end_date', 'the start date'))
	.superRefine((content, context) => {
		const { attributes: changedAttributes, ...fields } = content;
		const changed = Object.entries(fields).some(
			([key, value]) => key !== 'id' && value !== undefined,
		);
		if (!changed && Object.keys(changedAttributes).length === 0)
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['changes'],
				message: 'has nothing to change: give at least one field or attribute besides the ID',
			});
	});

const deleteSchema = z.object({ id: contentId }).strict();

export const CONTENT_SCHEMAS = {
	replace: replaceSchema,
	update: updateSchema,
	delete: deleteSchema,
};

export type ValidContent = z.infer<typeof replaceSchema>;

/** The API's content object: standard fields, then each attribute as its own key. */
export function toPayload(
	content: Partial<ValidContent> & { id: string },
): Record<string, unknown> {
	const { attributes: custom = {}, ...fields } = content;
	const payload: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) payload[key] = value;
	return { ...payload, ...custom };
}
