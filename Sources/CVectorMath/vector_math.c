#include "vector_math.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

// Sixteen lanes: one register with AVX-512, two with AVX2, four with SSE2.
typedef float floats __attribute__((ext_vector_type(16)));
typedef int32_t ints __attribute__((ext_vector_type(16)));
enum { lanes = 16 };

// One clone per level; the loader's resolver picks the CPU's best.
#if defined(__x86_64__) && defined(__linux__)
#define CLONED __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CLONED
#endif

// Macros rather than inline functions: a function passing a 16-lane vector by value would have
// a different ABI in each clone, which the compiler refuses.
#define LOAD(p) ({ floats loaded_; memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
#define STORE(v, p) do { floats stored_ = (v); memcpy((p), &stored_, sizeof stored_); } while (0)
#define SPLAT(value) ((floats)(float)(value))
/// `mask ? a : b` for a comparison's mask (all bits set or none in each lane).
#define SELECT(mask, a, b) ((floats)(((mask) & (ints)(a)) | (~(mask) & (ints)(b))))

/// `eˣ` for each lane, within 2 ulp of `expf` for x in [−87.3, 88.7]; below that (and at −∞) 0,
/// above it +∞, NaN for NaN.
///
/// Cephes' method: x = n·ln 2 + r with n = round(x·log₂e) and |r| ≤ ln 2 / 2 (ln 2 split in two
/// so n·ln 2 is exact), eʳ from a degree-6 polynomial, then 2ⁿ put in the exponent bits in two
/// factors of 2^(n/2), which keep n = 128 (x near the top) and n = −126 finite. Rounding to
/// nearest adds 1.5·2²³: the sum's low mantissa bits hold n.
#define EXP_LANES(input) ({ \
    floats x_ = (input); \
    const float low_ = -87.33654f, high_ = 88.72283f, shifter_ = 12582912.0f; \
    floats clamped_ = __builtin_elementwise_min(__builtin_elementwise_max(x_, SPLAT(low_)), SPLAT(high_)); \
    floats shifted_ = clamped_ * 1.44269504f + shifter_; \
    floats n_ = shifted_ - shifter_; \
    floats r_ = clamped_ - n_ * 0.693359375f; \
    r_ = r_ - n_ * -2.12194440e-4f; \
    floats p_ = r_ * 1.9875691500e-4f + 1.3981999507e-3f; \
    p_ = p_ * r_ + 8.3334519073e-3f; \
    p_ = p_ * r_ + 4.1665795894e-2f; \
    p_ = p_ * r_ + 1.6666665459e-1f; \
    p_ = p_ * r_ + 5.0000001201e-1f; \
    p_ = p_ * (r_ * r_) + r_ + 1.0f; \
    ints integer_ = (ints)shifted_ - (ints)SPLAT(shifter_); \
    ints half_ = integer_ >> 1; \
    floats result_ = p_ * (floats)((half_ + 127) << 23) * (floats)((integer_ - half_ + 127) << 23); \
    result_ = SELECT(x_ < low_, SPLAT(0), result_); \
    result_ = SELECT(x_ > high_, SPLAT(INFINITY), result_); \
    SELECT(x_ != x_, x_, result_); /* NaN stays NaN (min and max would have dropped it) */ \
})

CLONED float curator_vector_max(const float *x, long n) {
    floats top = SPLAT(-INFINITY);
    long k = 0;
    for (; k + lanes <= n; k += lanes) top = __builtin_elementwise_max(top, LOAD(x + k));
    float best = __builtin_reduce_max(top);
    for (; k < n; k++) best = x[k] > best ? x[k] : best;
    return best;
}

CLONED float curator_vector_exp_sum(float *x, long n, float shift) {
    floats sums = SPLAT(0);
    long k = 0;
    for (; k + lanes <= n; k += lanes) {
        floats e = EXP_LANES(LOAD(x + k) - shift);
        STORE(e, x + k);
        sums += e;
    }
    float lanesSum[lanes], sum = 0;
    STORE(sums, lanesSum);
    for (long i = 0; i < lanes; i++) sum += lanesSum[i];
    if (k < n) {
        // The tail through one padded vector: its spare lanes are e^(−∞) = 0.
        float tail[lanes];
        for (long i = 0; i < lanes; i++) tail[i] = k + i < n ? x[k + i] - shift : -INFINITY;
        floats e = EXP_LANES(LOAD(tail));
        STORE(e, tail);
        for (long i = 0; k + i < n; i++) {
            x[k + i] = tail[i];
            sum += tail[i];
        }
    }
    return sum;
}

CLONED void curator_vector_exp(float *x, long n) {
    long k = 0;
    for (; k + lanes <= n; k += lanes) STORE(EXP_LANES(LOAD(x + k)), x + k);
    if (k < n) {
        float tail[lanes] = {0};
        memcpy(tail, x + k, (size_t)(n - k) * sizeof(float));
        STORE(EXP_LANES(LOAD(tail)), tail);
        memcpy(x + k, tail, (size_t)(n - k) * sizeof(float));
    }
}

CLONED void curator_vector_scale(float *x, long n, float factor) {
    long k = 0;
    for (; k + lanes <= n; k += lanes) STORE(LOAD(x + k) * factor, x + k);
    for (; k < n; k++) x[k] *= factor;
}
