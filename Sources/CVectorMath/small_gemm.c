#include "small_gemm.h"
#include "catalog_products.h"
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define AVX512 __attribute__((target("avx512f,avx512vl,avx512dq,avx512bw,fma,avx2")))

enum { lanes = 16, maxRows = 6, maxVectors = 4 };

/// C[m0 .. m0+R)[n0 .. n0+16V) from A's rows (a[m·ams + k·aks]) and B's row-major K × N (ldb),
/// the last vector's lanes past N masked.
static inline __attribute__((always_inline)) AVX512 void block(
    int R, int V, __mmask16 last, long K, float alpha, const float *a, long ams, long aks, const float *b, long ldb,
    int accumulate, float *c, long ldc, long m0, long n0) {
    __m512 acc[maxRows][maxVectors];
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) acc[r][v] = _mm512_setzero_ps();
    for (long k = 0; k < K; k++) {
        __m512 row[maxVectors];
        for (int v = 0; v < V; v++) row[v] = _mm512_maskz_loadu_ps(v == V - 1 ? last : 0xFFFF, b + k * ldb + n0 + v * lanes);
        for (int r = 0; r < R; r++) {
            __m512 x = _mm512_set1_ps(a[(m0 + r) * ams + k * aks]);
            for (int v = 0; v < V; v++) acc[r][v] = _mm512_fmadd_ps(x, row[v], acc[r][v]);
        }
    }
    __m512 scale = _mm512_set1_ps(alpha);
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) {
            __mmask16 mask = v == V - 1 ? last : 0xFFFF;
            float *out = c + (m0 + r) * ldc + n0 + v * lanes;
            __m512 value = _mm512_mul_ps(acc[r][v], scale);
            if (accumulate) value = _mm512_add_ps(value, _mm512_maskz_loadu_ps(mask, out));
            _mm512_mask_storeu_ps(out, mask, value);
        }
}

#define ROWS(R) do { \
    switch (V) { \
    case 1: block(R, 1, last, K, alpha, a, ams, aks, b, ldb, accumulate, c, ldc, m0, n0); break; \
    case 2: block(R, 2, last, K, alpha, a, ams, aks, b, ldb, accumulate, c, ldc, m0, n0); break; \
    case 3: block(R, 3, last, K, alpha, a, ams, aks, b, ldb, accumulate, c, ldc, m0, n0); break; \
    default: block(R, 4, last, K, alpha, a, ams, aks, b, ldb, accumulate, c, ldc, m0, n0); break; \
    } \
} while (0)

static AVX512 void run(long M, long N, long K, float alpha, const float *a, long ams, long aks, const float *b, long ldb,
                       int accumulate, float *c, long ldc) {
    for (long n0 = 0; n0 < N; n0 += maxVectors * lanes) {
        long width = N - n0 < maxVectors * lanes ? N - n0 : maxVectors * lanes;
        int V = (int)((width + lanes - 1) / lanes);
        long rest = width - (long)(V - 1) * lanes;
        __mmask16 last = (__mmask16)(rest == lanes ? 0xFFFF : (1u << rest) - 1);
        long m0 = 0;
        for (; m0 + maxRows <= M; m0 += maxRows) ROWS(6);
        switch (M - m0) {
        case 5: ROWS(5); break;
        case 4: ROWS(4); break;
        case 3: ROWS(3); break;
        case 2: ROWS(2); break;
        case 1: ROWS(1); break;
        default: break;
        }
    }
}

int curator_small_gemm(int transA, int transB, long M, long N, long K, float alpha, const float *a, long lda,
                       const float *b, long ldb, float beta, float *c, long ldc) {
    if (!curator_catalog_products_available() || (beta != 0 && beta != 1) || K > 512) return 0;
    if (M <= 0 || N <= 0) return 1;
    // op(B) must run along N: a transposed B is copied once (K × N, at most K/M of the work).
    float *copy = NULL;
    if (transB) {
        copy = malloc((size_t)(K * N) * sizeof(float));
        if (!copy) return 0;
        for (long n = 0; n < N; n++)
            for (long k = 0; k < K; k++) copy[k * N + n] = b[n * ldb + k];
        b = copy;
        ldb = N;
    }
    run(M, N, K, alpha, a, transA ? 1 : lda, transA ? lda : 1, b, ldb, beta == 1, c, ldc);
    free(copy);
    return 1;
}
#else
int curator_small_gemm(int transA, int transB, long M, long N, long K, float alpha, const float *a, long lda,
                       const float *b, long ldb, float beta, float *c, long ldc) {
    return 0;
}
#endif
