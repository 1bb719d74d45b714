/*
 * Starts one Elasticsearch node for Vindplaats' tests: java ... nl.vindplaats.esrunner.Main PORT HOME
 *
 * HTTP on 127.0.0.1:PORT, single-node discovery, no security (no X-Pack on the classpath), data,
 * logs and config under HOME. Logs go to standard output; the process runs until it is killed
 * (SIGTERM closes the node cleanly).
 */
package nl.vindplaats.esrunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.RunnerNode;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

public final class Main {

    private static final String LOG_CONFIG = String.join(
        "\n",
        "status = error",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.console.ref = console",
        ""
    );

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Main HTTP_PORT HOME_DIR");
            System.exit(2);
        }
        int httpPort = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        for (String dir : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(dir));
        }
        Files.writeString(home.resolve("config").resolve("log4j2.properties"), LOG_CONFIG);

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "vindplaats-test")
            .put("node.name", "vindplaats-test")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("discovery.type", "single-node")
            // a full test disk must not turn indices read-only under the suite
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings,
            Map.of(),
            home.resolve("config"),
            () -> "vindplaats-test"
        );
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName("vindplaats-test");
        LogConfigurator.configure(environment, true);

        Node node = new RunnerNode(
            environment,
            nodeSettings -> new ClasspathPluginsService(
                nodeSettings,
                environment,
                List.of(Netty4Plugin.class, AnalysisSubsetPlugin.class)
            )
        );
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "vindplaats-es-shutdown"));
        node.start();
        System.out.println("vindplaats-elasticsearch-runner: started on http://127.0.0.1:" + httpPort);
        closed.await();
    }
}
