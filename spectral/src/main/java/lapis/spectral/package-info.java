/** Lapis spectral module; its contents arrive with its issue. */
package lapis.spectral;
