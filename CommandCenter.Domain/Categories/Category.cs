namespace CommandCenter.Domain.Categories;

/// <summary>A case category (案件类别) with its Chinese name as shown on walls and desks.</summary>
public sealed record Category(CategoryCode Code, string Name);
