#ifndef CURATOR_SMALL_GEMM_H
#define CURATOR_SMALL_GEMM_H
// Products of SASRec's layers: a sequence's L × d activations (L ≤ maxlen, d ≈ 50) against
// d × d weights or each other (attention's L × L). At these sizes OpenBLAS's AVX2 kernels (the
// machines' OPENBLAS_CORETYPE) spend much of the time packing and reach a fraction of the
// multiply-add rate; this kernel holds up to 6 × 64 of the result in AVX-512 registers, runs
// along the shared dimension with one side broadcast, and masks the last sixteen.

/// C = alpha · op(A) · op(B) + beta · C (row-major, as cblas_sgemm: op(A) is M × K, op(B) K × N)
/// for beta 0 or 1 and K ≤ 512. Returns 0, having done nothing, when it cannot (no AVX-512,
/// another beta, a longer K): the caller then uses BLAS.
int curator_small_gemm(int transA, int transB, long M, long N, long K, float alpha, const float *a, long lda,
                       const float *b, long ldb, float beta, float *c, long ldc);
#endif
