package lapis.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.bench.nn.SoapComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis bench soap}: SOAP against AdamW on an ill-conditioned MLP regression. */
@Command(name = "soap", mixinStandardHelpOptions = true,
        description = {"SOAP (Vyas et al. 2024) against AdamW on an MLP regression with ill-conditioned inputs "
                + "(d = 16, hidden 64, 1024 samples, input conditioning 100): steps to reach 0.1% of the initial "
                + "loss and time per step, for each learning rate of a small grid; the best run of each counts."})
final class BenchSoapCommand implements Callable<Integer> {
    @Option(names = "--max-steps", defaultValue = "1500", description = "Step limit (default: ${DEFAULT-VALUE}).")
    private int maxSteps;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        SoapComparison.Result r = new SoapComparison(SoapComparison.Options.defaults().withMaxSteps(maxSteps)).run();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "initial loss %.4g, target %.4g%n", r.initialLoss(), r.targetLoss());
        out.printf(Locale.ROOT, "%-8s %8s %16s %12s %14s%n", "optim", "lr", "steps to target", "final loss",
                "ms per step");
        for (SoapComparison.Run run : r.runs()) {
            out.printf(Locale.ROOT, "%-8s %8.0e %16s %12.3e %14.2f%n", run.optimizer(), run.learningRate(),
                    run.stepsToTarget() < 0 ? "not reached" : Integer.toString(run.stepsToTarget()), run.finalLoss(),
                    run.meanStepSeconds() * 1e3);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("soap_steps", r.bestSoap().stepsToTarget());
        m.put("soap_lr", r.bestSoap().learningRate());
        m.put("soap_ms_per_step", r.bestSoap().meanStepSeconds() * 1e3);
        m.put("adamw_steps", r.bestAdamW().stepsToTarget());
        m.put("adamw_lr", r.bestAdamW().learningRate());
        m.put("adamw_ms_per_step", r.bestAdamW().meanStepSeconds() * 1e3);
        out.println(BenchCommand.resultLine(m));
        out.flush();
        return 0;
    }
}
