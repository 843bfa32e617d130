/** Lapis nn module; its contents arrive with its issue. */
package lapis.nn;
