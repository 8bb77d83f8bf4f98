export interface Page<T> {
	items: T[];
	/** Total number of matches when the API reports it. */
	total?: number;
}

export interface PageLimits {
	returnAll: boolean;
	limit: number;
	/** The largest page the API serves; fewer round trips for Return All. */
	pageSize: number;
}

/**
 * Walks an offset/limit API until the limit is reached or the data runs out. Copes with servers
 * that serve smaller pages than asked for, by advancing the offset by what actually arrived.
 */
export async function collectOffsetPages<T>(
	fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
	{ returnAll, limit, pageSize }: PageLimits,
): Promise<T[]> {
	const wanted = returnAll ? Number.POSITIVE_INFINITY : Math.max(0, limit);
	const collected: T[] = [];
	let offset = 0;
	while (collected.length < wanted) {
		const size = Math.min(pageSize, wanted - collected.length);
		const page = await fetchPage(offset, size);
		collected.push(...page.items.slice(0, wanted - collected.length));
		offset += page.items.length;
		const exhausted =
			page.items.length === 0 ||
			(page.total !== undefined ? offset >= page.total : page.items.length < size);
		if (exhausted) break;
	}
	return collected;
}
