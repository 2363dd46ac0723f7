using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// One `sort_key` of a collection: an expression SQL can order by (a column, a joined column such as goal_name,
/// or a computed value such as a service's status). Rows are ordered by (key, id) — id is the unique tiebreak —
/// and a page after a marker is the keyset condition "(key, id) strictly after the marker's (key, id)".
/// NULL sorts first ascending and last descending on every provider (SQLite's native order; PostgreSQL's is the
/// opposite, so nullable keys get an explicit rank term in front).
/// </summary>
public abstract class SortKey<T> where T : Entity
{
    public static SortKey<T> Of<TKey>(Expression<Func<T, TKey>> key) => new SortKey<T, TKey>(key);

    /// <summary>Orders by (key, id) in the given direction.</summary>
    public abstract IOrderedQueryable<T> Order(IQueryable<T> rows, bool descending);

    /// <summary>
    /// The rows strictly after the marker row in (key, id) order, or null when <paramref name="marker"/> is empty
    /// (the marker is not in the listed set).
    /// </summary>
    public abstract Task<IQueryable<T>?> After(IQueryable<T> rows, IQueryable<T> marker, bool descending, CancellationToken ct);
}

internal sealed class SortKey<T, TKey> : SortKey<T> where T : Entity
{
    private readonly Expression<Func<T, TKey>> _key;
    private readonly Expression<Func<T, int>>? _nullRank;
    private readonly Expression<Func<T, Mark>> _mark;

    public SortKey(Expression<Func<T, TKey>> key)
    {
        _key = key;
        var row = key.Parameters[0];
        if (KeyNullability.CanBeNull(key.Body))
            _nullRank = Expression.Lambda<Func<T, int>>(
                Expression.Condition(Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))),
                    Expression.Constant(0), Expression.Constant(1)), row);
        _mark = Expression.Lambda<Func<T, Mark>>(Expression.MemberInit(Expression.New(typeof(Mark)),
            Expression.Bind(typeof(Mark).GetProperty(nameof(Mark.Key))!, key.Body),
            Expression.Bind(typeof(Mark).GetProperty(nameof(Mark.Id))!, Expression.Property(row, nameof(Entity.Id)))), row);
    }

    public override IOrderedQueryable<T> Order(IQueryable<T> rows, bool descending)
    {
        IOrderedQueryable<T> ordered;
        if (_nullRank is null) ordered = descending ? rows.OrderByDescending(_key) : rows.OrderBy(_key);
        else
        {
            ordered = descending ? rows.OrderByDescending(_nullRank) : rows.OrderBy(_nullRank);
            ordered = descending ? ordered.ThenByDescending(_key) : ordered.ThenBy(_key);
        }
        return descending ? ordered.ThenByDescending(r => r.Id) : ordered.ThenBy(r => r.Id);
    }

    public override async Task<IQueryable<T>?> After(IQueryable<T> rows, IQueryable<T> marker, bool descending, CancellationToken ct)
    {
        var mark = await marker.Select(_mark).FirstOrDefaultAsync(ct);
        if (mark is null) return null;

        var row = _key.Parameters[0];
        var key = _key.Body;
        var id = Expression.Property(row, nameof(Entity.Id));
        // Closure members, not constants: EF sends them as parameters, so one SQL text serves every marker.
        var markKey = Expression.Property(Expression.Constant(mark), nameof(Mark.Key));
        var markId = Expression.Property(Expression.Constant(mark), nameof(Mark.Id));

        Expression afterOnKey = Expression.OrElse(Beyond(key, markKey, descending),
            Expression.AndAlso(Expression.Equal(key, markKey), Beyond(id, markId, descending)));
        Expression condition = afterOnKey;
        if (_nullRank is not null)
        {
            var keyIsNull = Expression.Equal(key, Expression.Constant(null, typeof(TKey)));
            var keyIsSet = Expression.Not(keyIsNull);
            condition = (mark.Key is null, descending) switch
            {
                // ascending: NULL keys first, ordered by id among themselves
                (true, false) => Expression.OrElse(Expression.AndAlso(keyIsNull, Beyond(id, markId, false)), keyIsSet),
                (false, false) => Expression.AndAlso(keyIsSet, afterOnKey),
                // descending: NULL keys last
                (true, true) => Expression.AndAlso(keyIsNull, Beyond(id, markId, true)),
                (false, true) => Expression.OrElse(keyIsNull, afterOnKey),
            };
        }
        return rows.Where(Expression.Lambda<Func<T, bool>>(condition, row));
    }

    /// <summary>a &gt; b ascending, a &lt; b descending, for the key types lists sort on.</summary>
    private static Expression Beyond(Expression a, Expression b, bool descending)
    {
        var type = Nullable.GetUnderlyingType(a.Type) ?? a.Type;
        if (type == typeof(string))
        {
            // EF translates string.Compare(a, b) > 0 into a > b (ordinal on SQLite, "C" collation on PostgreSQL).
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, a, b);
            return descending ? Expression.LessThan(compare, Expression.Constant(0)) : Expression.GreaterThan(compare, Expression.Constant(0));
        }
        if (type == typeof(bool))
            return descending ? Expression.AndAlso(Expression.Not(a), b) : Expression.AndAlso(a, Expression.Not(b));
        return descending ? Expression.LessThan(a, b) : Expression.GreaterThan(a, b);
    }

    /// <summary>The marker row's key and id (public: EF materialises it).</summary>
    public sealed class Mark
    {
        public TKey Key { get; set; } = default!;
        public int Id { get; set; }
    }
}

/// <summary>Whether a sort key can be NULL, read from the entities' nullable annotations (which EF's model follows).</summary>
internal static class KeyNullability
{
    public static bool CanBeNull(Expression body)
    {
        if (Nullable.GetUnderlyingType(body.Type) is not null) return true;
        var context = new NullabilityInfoContext();
        var node = body;
        // Every link of a member chain from the row must be non-null (an optional navigation is a LEFT JOIN).
        while (true)
        {
            if (node is UnaryExpression { NodeType: ExpressionType.Convert } convert) node = convert.Operand;
            else if (node is MemberExpression { Member: PropertyInfo property } member)
            {
                if (context.Create(property).ReadState != NullabilityState.NotNull) return true;
                node = member.Expression;
            }
            else break;
        }
        if (node is ParameterExpression) return false;
        // A computed key: a value type cannot be NULL, anything else may be.
        return !body.Type.IsValueType;
    }
}
