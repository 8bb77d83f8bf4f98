import { sleep } from 'n8n-workflow';

/** What a service told about its current rate-limit window, fed back into the pacer. */
export interface PacerFeedback {
	/**
	 * After the request this feedback belongs to, the server accepts `remaining` more requests in the
	 * next `resetInMs` milliseconds (e.g. from X-RateLimit-Remaining / X-RateLimit-Reset).
	 */
	reportQuota(remaining: number, resetInMs: number): void;
	/** Nobody sharing the pacer sends before this time (epoch milliseconds). */
	holdUntil(timestamp: number): void;
}

interface Quota {
	/** The ticket of the request whose answer carried the figures. */
	ticket: number;
	remaining: number;
	resetAt: number;
}

/**
 * Spaces requests evenly so a long run stays under a rate limit instead of collecting 429s.
 * One pacer is shared by every execution in the n8n process that uses the same service and
 * credential, because the vendor counts requests per account, not per execution.
 *
 * Services that report their window (remaining requests, seconds to reset) can also feed that back
 * (`reportQuota`): once the requests sent since that answer have used up what remains, the next one
 * waits for the window to reset. Even spacing keeps the average under the limit; the server's own
 * count catches what spacing cannot see (send/arrival jitter at a window edge, other clients of the
 * same account, a rate set higher than the plan allows).
 */
export class RequestPacer {
	private nextSlot = 0;

	private issued = 0;

	private quota?: Quota;

	constructor(private requestsPerSecond: number) {}

	setRate(requestsPerSecond: number) {
		this.requestsPerSecond = requestsPerSecond;
	}

	/**
	 * Waits until this caller may send; callers are served in the order they asked. Resolves to the
	 * request's ticket, its place in the sending order, which feedback about its answer refers to.
	 */
	async acquire(): Promise<number> {
		const ticket = ++this.issued;
		if (!(this.requestsPerSecond > 0)) return ticket;
		const interval = 1000 / this.requestsPerSecond;
		const now = Date.now();
		let slot = Math.max(now, this.nextSlot);
		const quota = this.quota;
		if (quota) {
			if (slot >= quota.resetAt) {
				this.quota = undefined; // a new window: nothing known about it yet
			} else if (ticket - quota.ticket > quota.remaining) {
				slot = quota.resetAt; // the requests sent since that answer used up the window
				this.quota = undefined;
			}
		}
		this.nextSlot = slot + interval;
		if (slot > now) await sleep(slot - now);
		return ticket;
	}

	/** After a 429 nobody sharing this pacer should send before the server said so. */
	holdUntil(timestamp: number) {
		this.nextSlot = Math.max(this.nextSlot, timestamp);
	}

	/**
	 * Records the server's count from the answer to the request with `ticket`. An answer to a later
	 * request wins over one to an earlier request, which may have been overtaken on the way.
	 */
	reportQuota(ticket: number, remaining: number, resetInMs: number, now = Date.now()) {
		if (
			!Number.isFinite(remaining) ||
			remaining < 0 ||
			!Number.isFinite(resetInMs) ||
			resetInMs < 0
		)
			return;
		if (this.quota && this.quota.ticket > ticket && this.quota.resetAt > now) return;
		this.quota = { ticket, remaining: Math.floor(remaining), resetAt: now + resetInMs };
	}

	/** Feedback bound to one request, for a service profile's response hook. */
	feedback(ticket: number): PacerFeedback {
		return {
			reportQuota: (remaining, resetInMs) => this.reportQuota(ticket, remaining, resetInMs),
			holdUntil: (timestamp) => this.holdUntil(timestamp),
		};
	}
}

const pacers = new Map<string, RequestPacer>();

export function getPacer(key: string, requestsPerSecond: number): RequestPacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new RequestPacer(requestsPerSecond);
		pacers.set(key, pacer);
	} else {
		pacer.setRate(requestsPerSecond);
	}
	return pacer;
}
