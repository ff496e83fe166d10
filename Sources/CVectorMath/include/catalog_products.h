#ifndef CURATOR_CATALOG_PRODUCTS_H
#define CURATOR_CATALOG_PRODUCTS_H
// The three products of a softmax over the whole catalog, for one sequence of `rows` positions
// with outputs h (rows × d): the logits h · Eᵀ, and in backward the input gradient g · E and
// the embedding gradient gᵀ · h, where g (rows × ldl) is the softmax's gradient. Each is a long
// run over the catalog against a short side (d ≈ 50 and rows ≤ maxlen), so all three are
// written with sixteen-lane vectors along the long side and the short side broadcast, on the
// catalog's embedding packed twice: transposed (et, d × ldl, zero beyond the catalog) and with
// its rows padded (ep, items × dPad, zero beyond d). They need AVX-512 (one
// register per sixteen items); elsewhere SASRec calls BLAS. They were 60% of an ml-100k fit
// with OpenBLAS's AVX2 kernels (the machines' OPENBLAS_CORETYPE names Haswell even on AVX-512
// CPUs), which reach about half of AVX-512's multiply-add rate on these shapes.

/// Whether this CPU runs the products below (AVX-512F).
int curator_catalog_products_available(void);

/// The row stride the products need for a catalog of `items`: a multiple of 32.
long curator_catalog_stride(long items);

/// The padded width of ep's rows for width `d`: a multiple of 16.
long curator_catalog_width(long d);

/// Packs the catalog's embedding e (items × d) into et (d × ldl) and ep (items × dPad).
void curator_catalog_pack(const float *e, long items, long d, float *et, long ldl, float *ep);

/// logits (rows × ldl) = h (rows × d) · et (d × ldl). Columns past the catalog come out 0.
void curator_catalog_logits(const float *h, long rows, long d, const float *et, long ldl, float *logits);

/// dh (rows × d) = g (rows × ldl) · e, over the first `items` columns of g (ep from the pack).
void curator_catalog_input_gradient(const float *g, long rows, long ldl, long items, const float *ep, long d, float *dh);

/// det (d × ldl) += hᵀ (d × rows) · g (rows × ldl).
void curator_catalog_embedding_gradient(const float *h, long rows, long d, const float *g, long ldl, float *det);
#endif
