/** Lapis encodings module; its contents arrive with its issue. */
package lapis.encodings;
