// Readiness check for the local broker, run by deploy/local/up.sh as a single-file program
// (`java -cp <kafka libs> WaitReady.java <bootstrap> <timeoutMs>`). Ready means a real
// metadata round trip: the cluster describes itself with at least one broker, topics can be
// listed, and every partition of every topic answers a ListOffsets request. After a restart
// the broker answers metadata (naming itself leader) before it has loaded its logs; a client
// that starts then gets NOT_LEADER_OR_FOLLOWER, and a producer retrying that re-sends records
// that were written.
// A sleep would either waste time or pass before the broker can serve.
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

public class WaitReady {
    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        long timeoutMs = args.length > 1 ? Long.parseLong(args[1]) : 60_000L;
        long deadline = System.currentTimeMillis() + timeoutMs;
        String lastError = "no attempt";

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");

        try (Admin admin = Admin.create(props)) {
            while (System.currentTimeMillis() < deadline) {
                try {
                    int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                        .nodes().get(4, TimeUnit.SECONDS).size();
                    Set<String> names = admin.listTopics(new ListTopicsOptions().timeoutMs(3000).listInternal(true))
                        .names().get(4, TimeUnit.SECONDS);
                    if (brokers == 0) {
                        lastError = "cluster has no brokers yet";
                    } else {
                        Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                        for (TopicDescription d : topics.values()) {
                            d.partitions().forEach(p -> partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
                        }
                        // Fails (NOT_LEADER_OR_FOLLOWER, ...) until every partition is served.
                        admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
                        System.out.println("kafka ready at " + bootstrap + ": " + brokers + " broker(s), " + names.size() + " topic(s), " + partitions.size() + " partition(s) served");
                        return;
                    }
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                }
                Thread.sleep(250);
            }
        }
        System.err.println("kafka not ready at " + bootstrap + " after " + timeoutMs + " ms: " + lastError);
        System.exit(1);
    }
}
