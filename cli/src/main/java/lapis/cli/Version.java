package lapis.cli;

import picocli.CommandLine;

/** The version printed by {@code lapis --version}: the jar's implementation version and the JVM. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Lapis.class.getPackage().getImplementationVersion();
        return new String[] {
            "lapis " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
