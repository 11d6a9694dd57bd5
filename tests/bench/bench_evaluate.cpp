// One Test connection evaluation with its trace, as the Test connection panel recomputes it on
// every keystroke: Evaluator::evaluate into a reused Evaluation (and, separately, with the user
// resolved through makeConnection first), in nanoseconds per call, over varied connections of a
// workspace's users and rules.
//
//   bench_evaluate WORKSPACE.carws [--calls N]

#include "benchcommon.h"
#include "evaluator.h"
#include "sqliteworkspacestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>

using namespace Car;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    qint64 calls = 2000000;
    QString path;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--calls") && i + 1 < args.size())
            calls = std::max<qint64>(1000, args[++i].toLongLong());
        else
            path = args[i];
    }
    if (path.isEmpty()) {
        std::fprintf(stderr, "usage: bench_evaluate WORKSPACE.carws [--calls N]\n");
        return 2;
    }
    SqliteWorkspaceStore::OpenResult opened =
        SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadOnly);
    if (!opened) {
        std::fprintf(stderr, "bench_evaluate: %s\n", qPrintable(opened.error));
        return 1;
    }
    WorkspaceData data;
    if (const StoreResult loaded = opened.store->load(data); !loaded.ok) {
        std::fprintf(stderr, "bench_evaluate: %s\n", qPrintable(loaded.error));
        return 1;
    }
    if (data.directory.isEmpty()) {
        std::fprintf(stderr, "bench_evaluate: the workspace has no users\n");
        return 1;
    }

    // 1024 varied connections: users of the directory, every protocol and authentication type,
    // internal, partner, internet and IPv6 addresses.
    QRandomGenerator rng(1);
    const char *addresses[] = {"10.1.2.3",    "192.168.10.7",   "198.51.100.20", "203.0.113.200",
                               "81.2.69.160", "2001:db8:10::5", "2a01:4f8::1",   "100.64.1.1"};
    QList<Connection> connections;
    QList<QString> users;
    for (int i = 0; i < 1024; ++i) {
        const DirectoryUser &user = data.directory.user(int(rng.bounded(data.directory.size())));
        const Protocol protocol = Protocol(rng.bounded(ProtocolCount));
        const AuthenticationType authentication =
            AuthenticationType(rng.bounded(AuthenticationTypeCount));
        const IpAddress address = *IpAddress::parse(
            QString::fromLatin1(addresses[rng.bounded(int(std::size(addresses)))]));
        users << user.userPrincipalName;
        connections << makeConnection(
            data.ruleSet, data.directory, user.userPrincipalName, protocol, authentication, address,
            rng.bounded(4) ? 443 : int(rng.bounded(1, 65536)), rng.bounded(10) == 0);
    }
    const Evaluator evaluator(data.ruleSet);
    Evaluation evaluation;
    qint64 checksum = 0;

    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 0; i < calls; ++i) {
        evaluator.evaluate(connections[i & 1023], evaluation);
        checksum += evaluation.decidingRule + evaluation.trace.size();
    }
    const double evaluateNs = double(timer.nsecsElapsed()) / double(calls);

    const qint64 resolvedCalls = calls / 10;
    timer.restart();
    for (qint64 i = 0; i < resolvedCalls; ++i) {
        const Connection &c = connections[i & 1023];
        const Connection connection =
            makeConnection(data.ruleSet, data.directory, users[i & 1023], c.protocol,
                           c.authenticationType, c.address, c.port, c.middleTier);
        evaluator.evaluate(connection, evaluation);
        checksum += evaluation.decidingRule;
    }
    const double resolvedNs = double(timer.nsecsElapsed()) / double(resolvedCalls);

    std::fprintf(stderr, "%lld evaluations of %d rules with trace (checksum %lld)\n", calls,
                 evaluator.ruleCount(), checksum);
    CarBench::result("evaluate_trace_ns", evaluateNs, "ns");
    CarBench::result("evaluate_with_user_lookup_ns", resolvedNs, "ns");
    return 0;
}
