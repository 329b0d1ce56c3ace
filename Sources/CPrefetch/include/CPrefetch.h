// A hint to the processor to bring memory into the caches ahead of its use: Swift has no
// prefetch of its own. Used by EchtStudio's rotated warps, whose reads walk diagonally through
// the source rows (a new row every few pixels), and EchtVision's tensor sampler, whose taps lie
// several pixels apart: access patterns the hardware prefetchers do not follow.
#ifndef ECHT_CPREFETCH_H
#define ECHT_CPREFETCH_H

/// Starts loading the cache line holding `address` for reading (it never faults, so any address
/// may be given); the program's results do not depend on it.
static inline void echt_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
