#include "catalog_products.h"
#include <string.h>

typedef float floats __attribute__((ext_vector_type(16)));
enum { lanes = 16 };

#if defined(__x86_64__)
#define AVX512 __attribute__((target("avx512f,avx512vl,avx512dq,avx512bw,fma,avx2")))
int curator_catalog_products_available(void) {
    __builtin_cpu_init();  // at once after the first call: it only reads what the first stored
    return __builtin_cpu_supports("avx512f");
}
#else
#define AVX512
int curator_catalog_products_available(void) { return 0; }
#endif

long curator_catalog_stride(long items) { return (items + 31) / 32 * 32; }

long curator_catalog_width(long d) { return (d + 15) / 16 * 16; }

#define LOAD(p) ({ floats loaded_; memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
#define STORE(v, p) do { floats stored_ = (v); memcpy((p), &stored_, sizeof stored_); } while (0)

// Each block keeps R × 2 accumulators (R positions or components by 32 items) in registers: R is
// a constant at every call, so the loops unroll and the arrays become registers.

/// logits[r][j0 .. j0+32) for R rows of h from row i.
static inline __attribute__((always_inline)) AVX512 void logits_block(
    int R, const float *h, long i, long d, const float *et, long ldl, long j0, float *logits) {
    floats acc[8][2] = {{0}};
    for (long k = 0; k < d; k++) {
        floats e0 = LOAD(et + k * ldl + j0), e1 = LOAD(et + k * ldl + j0 + lanes);
        for (int r = 0; r < R; r++) {
            float x = h[(i + r) * d + k];
            acc[r][0] += x * e0;
            acc[r][1] += x * e1;
        }
    }
    for (int r = 0; r < R; r++) {
        STORE(acc[r][0], logits + (i + r) * ldl + j0);
        STORE(acc[r][1], logits + (i + r) * ldl + j0 + lanes);
    }
}

AVX512 void curator_catalog_logits(const float *h, long rows, long d, const float *et, long ldl, float *logits) {
    // Items outside, positions inside: a 32-item panel of et (d × 32) stays in L1 while every
    // position passes over it.
    for (long j0 = 0; j0 < ldl; j0 += 2 * lanes) {
        long i = 0;
        for (; i + 8 <= rows; i += 8) logits_block(8, h, i, d, et, ldl, j0, logits);
        if (i + 4 <= rows) { logits_block(4, h, i, d, et, ldl, j0, logits); i += 4; }
        if (i + 2 <= rows) { logits_block(2, h, i, d, et, ldl, j0, logits); i += 2; }
        if (i < rows) logits_block(1, h, i, d, et, ldl, j0, logits);
    }
}

/// det[c .. c+R)[j0 .. j0+32) += Σ_t h[t][c + r] · g[t][j0 ..).
static inline __attribute__((always_inline)) AVX512 void embedding_block(
    int R, const float *h, long rows, long d, long c, const float *g, long ldl, long j0, float *det) {
    floats acc[8][2] = {{0}};
    for (long t = 0; t < rows; t++) {
        floats g0 = LOAD(g + t * ldl + j0), g1 = LOAD(g + t * ldl + j0 + lanes);
        for (int r = 0; r < R; r++) {
            float x = h[t * d + c + r];
            acc[r][0] += x * g0;
            acc[r][1] += x * g1;
        }
    }
    for (int r = 0; r < R; r++) {
        float *out = det + (c + r) * ldl + j0;
        STORE(LOAD(out) + acc[r][0], out);
        STORE(LOAD(out + lanes) + acc[r][1], out + lanes);
    }
}

AVX512 void curator_catalog_embedding_gradient(const float *h, long rows, long d, const float *g, long ldl, float *det) {
    for (long j0 = 0; j0 < ldl; j0 += 2 * lanes) {
        long c = 0;
        for (; c + 8 <= d; c += 8) embedding_block(8, h, rows, d, c, g, ldl, j0, det);
        if (c + 4 <= d) { embedding_block(4, h, rows, d, c, g, ldl, j0, det); c += 4; }
        if (c + 2 <= d) { embedding_block(2, h, rows, d, c, g, ldl, j0, det); c += 2; }
        if (c < d) embedding_block(1, h, rows, d, c, g, ldl, j0, det);
    }
}

/// dh[t .. t+T)[c0 .. c0+16V) = Σ_j g[t + r][j] · ep[j][c0 ..): the catalog's rows (ep, items ×
/// dPad) are the vectors and the gradient is broadcast, as in the other two.
static inline __attribute__((always_inline)) AVX512 void input_block(
    int T, int V, const float *g, long t, long ldl, long items, const float *ep, long dPad, long c0, long d, float *dh) {
    floats acc[6][4] = {{0}};
    for (long j = 0; j < items; j++) {
        floats e[4];
        for (int v = 0; v < V; v++) e[v] = LOAD(ep + j * dPad + c0 + v * lanes);
        for (int r = 0; r < T; r++) {
            float x = g[(t + r) * ldl + j];
            for (int v = 0; v < V; v++) acc[r][v] += x * e[v];
        }
    }
    for (int r = 0; r < T; r++) {
        float row[4 * lanes];
        for (int v = 0; v < V; v++) STORE(acc[r][v], row + v * lanes);
        long width = d - c0 < V * lanes ? d - c0 : V * lanes;
        memcpy(dh + (t + r) * d + c0, row, (size_t)width * sizeof(float));
    }
}

#define INPUT_ROWS(T) do { \
    for (long c0 = 0; c0 < dPad; c0 += 4 * lanes) { \
        switch ((dPad - c0) / lanes) { \
        case 1: input_block(T, 1, g, t, ldl, items, ep, dPad, c0, d, dh); break; \
        case 2: input_block(T, 2, g, t, ldl, items, ep, dPad, c0, d, dh); break; \
        case 3: input_block(T, 3, g, t, ldl, items, ep, dPad, c0, d, dh); break; \
        default: input_block(T, 4, g, t, ldl, items, ep, dPad, c0, d, dh); break; \
        } \
    } \
} while (0)

AVX512 void curator_catalog_input_gradient(const float *g, long rows, long ldl, long items, const float *ep, long d, float *dh) {
    long dPad = curator_catalog_width(d), t = 0;
    for (; t + 6 <= rows; t += 6) INPUT_ROWS(6);
    if (t + 4 <= rows) { INPUT_ROWS(4); t += 4; }
    if (t + 2 <= rows) { INPUT_ROWS(2); t += 2; }
    if (t < rows) INPUT_ROWS(1);
}

void curator_catalog_pack(const float *e, long items, long d, float *et, long ldl, float *ep) {
    long dPad = curator_catalog_width(d);
    memset(et, 0, (size_t)(d * ldl) * sizeof(float));
    memset(ep, 0, (size_t)(items * dPad) * sizeof(float));
    for (long j = 0; j < items; j++)
        for (long c = 0; c < d; c++) {
            et[c * ldl + j] = e[j * d + c];
            ep[j * dPad + c] = e[j * d + c];
        }
}
