/** Lapis datasets module; its contents arrive with its issue. */
package lapis.datasets;
