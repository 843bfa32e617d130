package lapis.cli;
public final class Lapis { public static void main(String[] a) { System.out.println("hi"); } }
