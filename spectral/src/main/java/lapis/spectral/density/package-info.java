/**
 * Spectral densities of large symmetric operators, seen only through products: stochastic Lanczos quadrature
 * (Ubaru, Chen and Saad 2017) and the kernel polynomial method with Jackson damping (Weisse et al. 2006), both
 * returning an immutable {@link lapis.spectral.density.SpectralDensity} with its grid, values, cumulative counts
 * and the raw quadrature nodes or Chebyshev moments.
 */
package lapis.spectral.density;
