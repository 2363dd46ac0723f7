using FluentValidation;
using MediatR;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Shared.Mediator;

/// <summary>Runs the request's FluentValidation validators before its handler; the first failure becomes a 400.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            if (!result.IsValid)
                throw new InvalidRequestException(result.Errors[0].ErrorMessage);
        }
        return await next();
    }
}
