// report/callgraph.cc — see callgraph.h and README.md "Static weight".
#include "report/callgraph.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

#include "report/sites.h"

namespace heapmap::report {
namespace {

// Bounds the model's products and sums: a deep call graph multiplies loop weights along
// every path, and a report holds no infinities.
constexpr double kMaxWeight = 1e30;

double Capped(double w) { return std::min(w, kMaxWeight); }

struct Graph {
  std::vector<std::string> symbols;
  std::unordered_map<std::string, int> index;
  struct Edge {
    int to;
    double weight;  // 8^(depth - 1) times the call sites
  };
  std::vector<std::vector<Edge>> out;

  int Node(const std::string& symbol) {
    auto [it, added] = index.emplace(symbol, static_cast<int>(symbols.size()));
    if (added) {
      symbols.push_back(symbol);
      out.emplace_back();
    }
    return it->second;
  }
};

// Tarjan's strongly connected components, without recursion (call graphs are deep).
// Components are numbered in the order they complete: callees before their callers.
std::vector<int> Components(const Graph& g, int* count) {
  const int n = static_cast<int>(g.symbols.size());
  std::vector<int> comp(n, -1), low(n, 0), order(n, -1), stack;
  std::vector<bool> on_stack(n, false);
  std::vector<std::pair<int, size_t>> work;  // (node, next edge)
  int next = 0;
  *count = 0;
  for (int root = 0; root < n; ++root) {
    if (order[root] >= 0) continue;
    work.push_back({root, 0});
    while (!work.empty()) {
      auto& [v, e] = work.back();
      if (e == 0 && order[v] < 0) {
        order[v] = low[v] = next++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      if (e < g.out[v].size()) {
        const int w = g.out[v][e++].to;
        if (order[w] < 0) {
          work.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], order[w]);
        }
        continue;
      }
      if (low[v] == order[v]) {
        int w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          comp[w] = *count;
        } while (w != v);
        ++*count;
      }
      const int done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  return comp;
}

}  // namespace

void AddCalls(const std::vector<const ir::FuncUnit*>& units, PackageReport& out) {
  std::map<std::tuple<std::string, std::string, int>, std::pair<uint32_t, std::string>> calls;
  for (const ir::FuncUnit* unit : units) {
    const ir::FuncUnit& u = *unit;
    for (const ir::Call& c : u.calls()) {
      if ((c.kind() != ir::CALL_STATIC && c.kind() != ir::CALL_CLOSURE) || c.callee().empty() ||
          c.method_value() || c.func() >= static_cast<uint32_t>(u.funcs_size())) {
        continue;
      }
      const ir::Func& f = u.funcs(static_cast<int>(c.func()));
      auto& entry = calls[{f.symbol(), c.callee(), std::max(1, c.loop_depth())}];
      entry.first++;
      entry.second = f.name();
    }
    // A closure runs when its function does (called in place, or through a value).
    for (const ir::Func& f : u.funcs()) {
      if (!f.is_closure() || f.outer() < 0 || f.outer() >= u.funcs_size()) continue;
      const ir::Func& outer = u.funcs(f.outer());
      auto key = std::make_tuple(outer.symbol(), f.symbol(), 1);
      bool called = false;
      for (int d = 1; d <= 4 && !called; ++d) called = calls.contains({outer.symbol(), f.symbol(), d});
      if (!called) calls[key] = {1, outer.name()};
    }
  }
  for (const auto& [key, value] : calls) {
    CallEdge* e = out.add_calls();
    e->set_caller(std::get<0>(key));
    e->set_callee(std::get<1>(key));
    e->set_loop_depth(std::get<2>(key));
    e->set_count(value.first);
    e->set_caller_name(value.second);
  }
}

void WeighByCallGraph(const std::vector<PackageReport>& packages, Report& report,
                      int distinct_for) {
  Graph g;
  std::unordered_map<std::string, std::pair<std::string, std::string>> names;  // package, name
  for (const PackageReport& p : packages) {
    for (const CallEdge& e : p.calls()) {
      const int from = g.Node(e.caller());
      const int to = g.Node(e.callee());
      g.out[from].push_back({to, StaticWeight(e.loop_depth()) * e.count()});
      names.emplace(e.caller(), std::make_pair(p.package(), e.caller_name()));
    }
  }
  std::vector<double> own_weight;
  std::vector<uint32_t> own_sites;
  for (const Site& s : report.sites()) {
    const int f = g.Node(s.symbol());
    names[s.symbol()] = {s.package(), s.function()};
    own_weight.resize(g.symbols.size(), 0);
    own_sites.resize(g.symbols.size(), 0);
    own_weight[f] += s.static_weight();
    own_sites[f]++;
  }
  const int n = static_cast<int>(g.symbols.size());
  own_weight.resize(n, 0);
  own_sites.resize(n, 0);
  int ncomp = 0;
  const std::vector<int> comp = Components(g, &ncomp);
  std::vector<std::vector<int>> members(ncomp);
  for (int v = 0; v < n; ++v) members[comp[v]].push_back(v);

  // Frequencies: callers before callees (components in reverse completion order).
  std::vector<double> in(ncomp, 0), freq(ncomp, 1);
  for (int c = ncomp - 1; c >= 0; --c) {
    freq[c] = in[c] > 0 ? Capped(in[c]) : 1;
    for (int v : members[c]) {
      for (const Graph::Edge& e : g.out[v]) {
        if (comp[e.to] != c) in[comp[e.to]] = Capped(in[comp[e.to]] + freq[c] * e.weight);
      }
    }
  }
  // Totals: callees before callers.
  std::vector<double> total(ncomp, 0);
  for (int c = 0; c < ncomp; ++c) {
    double t = 0;
    for (int v : members[c]) {
      t += own_weight[v];
      for (const Graph::Edge& e : g.out[v]) {
        if (comp[e.to] != c) t += e.weight * total[comp[e.to]];
      }
    }
    total[c] = Capped(t);
  }

  for (Site& s : *report.mutable_sites()) {
    const double f = freq[comp[g.index.at(s.symbol())]];
    s.set_function_frequency(f);
    s.set_static_weight(Capped(s.static_weight() * f));
  }
  std::vector<int> shown;
  for (int v = 0; v < n; ++v) {
    if (total[comp[v]] > 0 && names.contains(g.symbols[v])) shown.push_back(v);
  }
  std::sort(shown.begin(), shown.end(), [&](int a, int b) {
    return std::make_tuple(-total[comp[a]], g.symbols[a]) < std::make_tuple(-total[comp[b]], g.symbols[b]);
  });
  std::vector<int> seen(n, -1);
  std::vector<int> stack;
  for (size_t i = 0; i < shown.size(); ++i) {
    const int v = shown[i];
    FunctionTotal* t = report.add_functions();
    t->set_symbol(g.symbols[v]);
    const auto& [pkg, name] = names.at(g.symbols[v]);
    t->set_package(pkg);
    t->set_function(name);
    t->set_own_sites(own_sites[v]);
    t->set_own_weight(own_weight[v]);
    t->set_total_weight(total[comp[v]]);
    t->set_frequency(freq[comp[v]]);
    if (static_cast<int>(i) < distinct_for) {
      uint32_t reached = 0;
      stack.assign(1, v);
      seen[v] = static_cast<int>(i);
      while (!stack.empty()) {
        const int w = stack.back();
        stack.pop_back();
        reached += own_sites[w];
        for (const Graph::Edge& e : g.out[w]) {
          if (seen[e.to] != static_cast<int>(i)) {
            seen[e.to] = static_cast<int>(i);
            stack.push_back(e.to);
          }
        }
      }
      t->set_reached_sites(reached);
    }
  }
}

}  // namespace heapmap::report
