// Creates the topics of deploy/local/topics.txt that do not exist yet, in one JVM and one admin
// request (about 2 s, where one TopicCommand run per topic takes about 1 s each). Run by up.sh
// with Java's source launcher on the Kafka classpath; not part of the Maven build:
//   java -cp '<tools>/kafka/*' deploy/local/CreateTopics.java 127.0.0.1:9092 deploy/local/topics.txt
// Idempotent: an existing topic is not an error; a partition count that differs from the file
// is reported (Kafka cannot shrink a topic, so it is not changed).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {
    public static void main(String[] args) throws Exception {
        List<NewTopic> wanted = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            if (f.length != 2 || !f[1].matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException(args[1] + " line " + lineNo + ": expected 'name partitions', got '" + l + "'");
            }
            wanted.add(new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1).configs(Map.of("retention.ms", "-1")));
        }
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            var existing = admin.listTopics().names().get();
            int created = 0;
            var results = admin.createTopics(wanted.stream().filter(t -> !existing.contains(t.name())).toList()).values();
            for (var e : results.entrySet()) {
                try {
                    e.getValue().get();
                    created++;
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) throw ex; // created meanwhile
                }
            }
            Map<String, TopicDescription> described =
                    admin.describeTopics(wanted.stream().map(NewTopic::name).toList()).allTopicNames().get();
            for (NewTopic t : wanted) {
                int actual = described.get(t.name()).partitions().size();
                if (actual != t.numPartitions()) {
                    System.err.println("warning: topic " + t.name() + " has " + actual + " partitions, topics.txt says " + t.numPartitions());
                }
            }
            System.out.println(wanted.size() + " " + created);
        }
    }
}
