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

/**
 * How a pace is learned where the vendor publishes no limit (AIMD: additive increase, multiplicative
 * decrease). Rates are requests per second.
 */
export const LEARNING = {
	/** A 429 (or 503 with Retry-After) takes the rate down to this share of the rate that met it… */
	decrease: 0.85,
	/** …or halves it when it came this soon after the last cut, which was then not enough. */
	quickRepeatMs: 2000,
	/**
	 * After a cut the rate climbs back by this share of the rate that met the 429, per second:
	 * 0.85 → 1 in 75 s, so a steady run meets under one 429 a minute and averages above 0.9 of the limit.
	 */
	increasePerSecond: 0.002,
	/** Never slower than one request every 5 seconds. */
	minRate: 0.2,
	/** How far back sends and accepted answers are counted to tell the current rates. */
	windowMs: 1000,
} as const;

/**
 * The learned part of a pacer, kept apart from the clock so its arithmetic can be tested: no rate
 * until the service first answers 429, then a rate that is cut at every 429 and climbs slowly.
 */
export class RateLearner {
	/** The rate right after the last cut; undefined while nothing was learned. */
	private base?: number;

	/** The rate that met the last 429: the climb is measured against it. */
	private ceiling = 0;

	private decreasedAt = -Infinity;

	/** Requests sent before the last cut: their 429s were earned at the old rate. */
	private decreasedAfterTicket = 0;

	/**
	 * The learned rate at `now`, or undefined while requests go unpaced. It climbs back to the rate
	 * that met the last 429 in the time a plain cut takes (75 s), however deep the cut was (a halving
	 * after a quick repeat climbs back as fast), then on past it at the plain slope.
	 */
	rate(now = Date.now()): number | undefined {
		if (this.base === undefined) return undefined;
		const elapsedSeconds = Math.max(0, now - this.decreasedAt) / 1000;
		const recoverySeconds = (1 - LEARNING.decrease) / LEARNING.increasePerSecond;
		if (elapsedSeconds <= recoverySeconds && this.base < this.ceiling)
			return this.base + ((this.ceiling - this.base) * elapsedSeconds) / recoverySeconds;
		const probingSeconds =
			this.base < this.ceiling ? elapsedSeconds - recoverySeconds : elapsedSeconds;
		const from = Math.max(this.base, this.ceiling);
		return from + this.ceiling * LEARNING.increasePerSecond * probingSeconds;
	}

	/**
	 * A 429 (or 503 with Retry-After) answered the request with `ticket`. `sendRate` is how fast
	 * requests were sent lately, `acceptedRate` how fast the service accepted them (under a limit,
	 * close to the limit), `lastTicket` the latest ticket handed out. Returns whether the rate was
	 * cut: only once per episode, as the 429s of requests sent before the cut change nothing.
	 */
	congestion(
		ticket: number,
		sendRate: number,
		acceptedRate: number,
		lastTicket: number,
		now = Date.now(),
	): boolean {
		if (ticket <= this.decreasedAfterTicket) return false;
		const learned = this.rate(now);
		const sent = sendRate > 0 ? sendRate : LEARNING.minRate;
		// A learned rate may have climbed far above what the callers actually send; what the service
		// accepted tells the limit better than what was sent while unpaced.
		let current = learned === undefined ? sent : Math.min(learned, sent);
		if (acceptedRate > 0) current = Math.min(current, acceptedRate);
		const factor = now - this.decreasedAt < LEARNING.quickRepeatMs ? 0.5 : LEARNING.decrease;
		this.ceiling = Math.max(current, LEARNING.minRate);
		this.base = Math.max(LEARNING.minRate, current * factor);
		this.decreasedAt = now;
		this.decreasedAfterTicket = lastTicket;
		return true;
	}
}

/** Events per second over the last window: counted over it, or since the first of them. */
function recentRate(times: number[], now: number): number {
	const since = now - LEARNING.windowMs;
	while (times.length > 0 && times[0] < since) times.shift();
	if (times.length === 0) return 0;
	const spanMs = Math.max(50, now - times[0]);
	return (times.length * 1000) / Math.min(LEARNING.windowMs, spanMs);
}

function record(times: number[], time: number) {
	times.push(time);
	if (times.length > 10_000) times.splice(0, 5_000);
}

/** A pace: a fixed number of requests per second (0 = off), or `LEARN_RATE` to learn it from 429s. */
export const LEARN_RATE = 'learn';
export type Pace = number | typeof LEARN_RATE;

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

	/** When the recent requests were (to be) sent, oldest first, for the current send rate. */
	private sends: number[] = [];

	/** When the recent answers other than 429 arrived, oldest first. */
	private accepted: number[] = [];

	/** Kept when the pace is switched to fixed and back: it belongs to the credential. */
	readonly learner = new RateLearner();

	constructor(private pace: Pace) {}

	setRate(pace: Pace) {
		this.pace = pace;
	}

	/** The rate requests are spaced to now; 0 when they are not. */
	currentRate(now = Date.now()): number {
		if (this.pace === LEARN_RATE) return this.learner.rate(now) ?? 0;
		return this.pace;
	}

	/** Requests per second sent lately. */
	sendRate(now = Date.now()): number {
		return recentRate(this.sends, now);
	}

	/** Answers other than 429 per second lately. */
	acceptedRate(now = Date.now()): number {
		return recentRate(this.accepted, now);
	}

	/** The service answered a request and did not ask to slow down. */
	reportAccepted(now = Date.now()) {
		if (this.pace === LEARN_RATE) record(this.accepted, now);
	}

	/**
	 * Waits until this caller may send; callers are served in the order they asked. Resolves to the
	 * request's ticket, its place in the sending order, which feedback about its answer refers to.
	 */
	async acquire(): Promise<number> {
		const ticket = ++this.issued;
		const now = Date.now();
		const rate = this.currentRate(now);
		if (!(rate > 0)) {
			// Pacing off (0) sends at once, as always. Learning, but nothing learned yet: unpaced, but a
			// hold after a 429 still applies to everybody.
			if (this.pace !== LEARN_RATE) return ticket;
			const slot = Math.max(now, this.nextSlot);
			record(this.sends, slot);
			if (slot > now) await sleep(slot - now);
			return ticket;
		}
		const interval = 1000 / rate;
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
		if (this.pace === LEARN_RATE) record(this.sends, slot);
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

	/**
	 * The service answered the request with `ticket` 429, or 503 with Retry-After, and nobody should
	 * send before `holdUntil`. A learned pace is cut (once per episode); a fixed one stays as set.
	 */
	reportCongestion(ticket: number, holdUntil: number, now = Date.now()) {
		if (this.pace !== LEARN_RATE) return;
		this.holdUntil(holdUntil);
		this.learner.congestion(ticket, this.sendRate(now), this.acceptedRate(now), this.issued, now);
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

/** The pacer of one credential (and request class), shared by every execution that this n8n instance runs. */
export function getPacer(key: string, pace: Pace): RequestPacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new RequestPacer(pace);
		pacers.set(key, pacer);
	} else {
		pacer.setRate(pace);
	}
	return pacer;
}
