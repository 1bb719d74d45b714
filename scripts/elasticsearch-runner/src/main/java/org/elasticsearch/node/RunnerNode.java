/*
 * A Node whose plugins come from the classpath instead of $ES_HOME/modules and plugins.
 * It lives in org.elasticsearch.node because NodeConstruction and NodeServiceProvider are
 * package-private there (the test framework's MockNode does the same).
 */
package org.elasticsearch.node;

import java.util.function.Function;

import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.PluginsService;

public class RunnerNode extends Node {

    public RunnerNode(Environment environment, Function<Settings, PluginsService> pluginsService) {
        super(NodeConstruction.prepareConstruction(environment, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, Settings settings) {
                return pluginsService.apply(settings);
            }
        }, true));
    }

    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
        // Only sets log4j's node and cluster id fields; not needed for a console log.
    }
}
