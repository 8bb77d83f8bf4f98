import { sleep } from 'n8n-workflow';

/**
 * Spaces requests evenly so a long run stays under a rate limit instead of collecting 429s.
 * One pacer is shared by every execution in the n8n process that uses the same service and
 * credential, because the vendor counts requests per account, not per execution.
 */
export class RequestPacer {
	private nextSlot = 0;

	constructor(private requestsPerSecond: number) {}

	setRate(requestsPerSecond: number) {
		this.requestsPerSecond = requestsPerSecond;
	}

	/** Waits until this caller may send; callers are served in the order they asked. */
	async acquire(): Promise<void> {
		if (!(this.requestsPerSecond > 0)) return;
		const interval = 1000 / this.requestsPerSecond;
		const now = Date.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + interval;
		if (slot > now) await sleep(slot - now);
	}

	/** After a 429 nobody sharing this pacer should send before the server said so. */
	holdUntil(timestamp: number) {
		this.nextSlot = Math.max(this.nextSlot, timestamp);
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
