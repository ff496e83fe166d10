#ifndef CURATOR_VECTOR_MATH_H
#define CURATOR_VECTOR_MATH_H
// Row kernels for the loops that exponentiate every logit of a row (SASRec's softmax over the
// catalog, its sampled softmax, attention). They are C so that each is compiled for AVX-512,
// AVX2 with FMA and baseline x86-64 and the CPU's best is chosen when the program loads
// (`target_clones`): the Swift package builds for baseline x86-64, whose SSE2 has neither
// 256-bit lanes, fused multiply-add nor a blend, and these loops were a sixth of an ml-100k
// SASRec fit.

/// The largest of `n` floats; −∞ when `n` is 0.
float curator_vector_max(const float *x, long n);

/// Replaces each of `n` floats `x` by `e^(x − shift)` and returns their sum.
float curator_vector_exp_sum(float *x, long n, float shift);

/// Replaces each of `n` floats by `eˣ`.
void curator_vector_exp(float *x, long n);

/// Multiplies each of `n` floats by `factor`.
void curator_vector_scale(float *x, long n, float factor);
#endif
