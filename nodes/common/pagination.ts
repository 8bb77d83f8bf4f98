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

/**
 * Walks a page-number API (`page=N,M`: page N of size M, 1-based) until the limit is reached or the
 * data runs out. A server that serves smaller pages than asked for (a size cap) is followed: the
 * page size drops to what arrived, and the next page number is computed from what was collected,
 * skipping items already seen, so nothing is missed or repeated.
 */
export async function collectPages<T>(
	fetchPage: (page: number, size: number) => Promise<Page<T>>,
	{ returnAll, limit, pageSize }: PageLimits,
): Promise<T[]> {
	const wanted = returnAll ? Number.POSITIVE_INFINITY : Math.max(0, limit);
	const collected: T[] = [];
	let size = Math.max(1, Math.min(pageSize, wanted));
	while (collected.length < wanted) {
		const page = Math.floor(collected.length / size) + 1;
		const skip = collected.length - (page - 1) * size;
		const { items, total } = await fetchPage(page, size);
		const fresh = items.slice(skip);
		collected.push(...fresh.slice(0, wanted - collected.length));
		const exhausted =
			fresh.length === 0 || (total !== undefined ? collected.length >= total : items.length < size);
		if (exhausted) break;
		// Fewer than asked while more exist: the server caps its page size, so follow its size.
		if (items.length < size) size = items.length;
	}
	return collected;
}
